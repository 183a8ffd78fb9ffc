import type { CustomerSnapshot, PaymentMethodSnapshot, SubscriptionSnapshot } from './billing';

/**
 * The customer's payment methods in the order Stripe charges them: the subscription's default payment
 * method, the subscription's default source, the customer's `invoice_settings.default_payment_method` (or
 * default source), then the other attached cards, newest first. Only attached, unexpired cards are usable;
 * each physical card (fingerprint) appears once, at its first place, because the network budgets are per card.
 */

/** Epoch ms (UTC) when a card with this expiry stops working: the end of its expiry month. */
export function cardExpiresAt(expMonth: number, expYear: number): number {
  return Date.UTC(expYear, expMonth, 1); // month is 1-based here, 0-based for Date.UTC: the next month's first instant
}

/** True when the card's expiry month has ended by `at` (a card without a known expiry is taken as valid). */
export function cardExpired(pm: Pick<PaymentMethodSnapshot, 'expMonth' | 'expYear'>, at: number): boolean {
  return pm.expMonth !== undefined && pm.expYear !== undefined && cardExpiresAt(pm.expMonth, pm.expYear) <= at;
}

/** What decides the order: the defaults of the subscription and customer, and the attached cards. */
export interface PaymentMethodSources {
  subscription?: Pick<SubscriptionSnapshot, 'defaultPaymentMethodId' | 'defaultSourceId'>;
  customer?: Pick<CustomerSnapshot, 'defaultPaymentMethodId'>;
  attached: readonly PaymentMethodSnapshot[];
}

/** The usable payment methods at `at`, in the order Stripe would try them (one per physical card). */
export function paymentMethodOrder({ subscription, customer, attached }: PaymentMethodSources, at: number): PaymentMethodSnapshot[] {
  const byId = new Map(attached.map((pm) => [pm.id, pm]));
  const defaults = [subscription?.defaultPaymentMethodId, subscription?.defaultSourceId, customer?.defaultPaymentMethodId];
  const newestFirst = [...attached].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || a.id.localeCompare(b.id));
  const ordered = [...defaults.flatMap((id) => (id && byId.has(id) ? [byId.get(id)!] : [])), ...newestFirst];
  const seen = new Set<string>();
  return ordered.filter((pm) => {
    const card = pm.fingerprint ?? pm.id;
    if (seen.has(pm.id) || seen.has(card) || cardExpired(pm, at)) return false;
    seen.add(pm.id).add(card);
    return true;
  });
}

/**
 * The backups after a decline on the default: the usable payment methods on other physical cards, in order. The
 * default is the first of the order (what the provider charges unasked), and any card the provider reports as
 * charged (`charged`) is left out too, so no card is tried twice in one go.
 */
export function backupPaymentMethodIds(sources: PaymentMethodSources, charged: readonly Pick<PaymentMethodSnapshot, 'id' | 'fingerprint'>[], at: number): string[] {
  const order = paymentMethodOrder(sources, at);
  const tried = [...order.slice(0, 1), ...charged];
  const triedBefore = (pm: PaymentMethodSnapshot) => tried.some((c) => c.id === pm.id || (c.fingerprint !== undefined && c.fingerprint === pm.fingerprint));
  return order.filter((pm) => !triedBefore(pm)).map((pm) => pm.id);
}
