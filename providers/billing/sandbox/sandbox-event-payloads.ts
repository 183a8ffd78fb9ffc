import type { BillingEventKind } from '../../../domain/billing-event';
import type { GenericEvent } from '../../../domain/normalize/generic-event-schema';
import { compact } from '../../../domain/normalize/billing-enums';
import type { SandboxChargeEntity } from '../../../services/common/database/entities/sandbox-charge.entity';
import type { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import type { SandboxInvoiceEntity } from '../../../services/common/database/entities/sandbox-invoice.entity';
import type { SandboxPaymentMethodEntity } from '../../../services/common/database/entities/sandbox-payment-method.entity';
import type { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import type { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';

/*
 * Sandbox rows → the generic event format (domain/normalize/generic-event-schema.ts), so sandbox changes go
 * through exactly the normalizer and matching that `POST /v1/events` bodies do.
 */

type Parts = Omit<GenericEvent, 'id' | 'type' | 'occurred_at' | 'livemode' | 'days'>;

const iso = (date: Date | null | undefined): string | undefined => (date ? date.toISOString() : undefined);

function line(price: SandboxPriceEntity | null | undefined) {
  return price ? [{ price_id: price.id, product_id: price.productId, interval: price.interval, interval_count: 1 }] : undefined;
}

/** The `customer` object of an event. */
export function genericCustomer(c: SandboxCustomerEntity): NonNullable<Parts['customer']> {
  return compact({ id: c.id, email: c.email ?? undefined, name: c.name ?? undefined, metadata: { ...c.metadata },
    default_payment_method_id: c.defaultPaymentMethodId ?? undefined });
}

/** The `invoice` object of an event. */
export function genericInvoice(i: SandboxInvoiceEntity, price?: SandboxPriceEntity | null): NonNullable<Parts['invoice']> {
  return compact({
    id: i.id, number: i.number, customer_id: i.customerId, subscription_id: i.subscriptionId ?? undefined, status: i.status,
    collection_method: i.collectionMethod, amount_due: i.amountDue,
    amount_remaining: i.status === 'paid' ? 0 : i.amountDue - i.amountPaid, currency: i.currency,
    due_date: iso(i.dueDate), attempt_count: i.attemptCount, metadata: { ...i.metadata }, lines: line(price),
  });
}

/** The `subscription` object of an event. */
export function genericSubscription(s: SandboxSubscriptionEntity, price?: SandboxPriceEntity | null): NonNullable<Parts['subscription']> {
  return compact({
    id: s.id, customer_id: s.customerId, status: s.status, items: line(price), interval: price?.interval,
    interval_count: price ? 1 : undefined, current_period_end: iso(s.currentPeriodEnd), canceled_at: iso(s.canceledAt),
    cancellation_reason: s.cancellationReason ?? undefined, metadata: { ...s.metadata },
  });
}

/** The `payment_method` object of an event. */
export function genericPaymentMethod(pm: SandboxPaymentMethodEntity): NonNullable<Parts['payment_method']> {
  return compact({
    id: pm.id, customer_id: pm.customerId, card_brand: pm.brand, last4: pm.last4, fingerprint: pm.fingerprint,
    exp_month: pm.expMonth ?? undefined, exp_year: pm.expYear ?? undefined,
  });
}

/** The `attempt` object of a failed charge. */
export function genericAttempt(ch: SandboxChargeEntity): NonNullable<Parts['attempt']> {
  return compact({ number: ch.attemptNumber, decline_code: ch.declineCode ?? undefined, network_decline_code: ch.networkDeclineCode ?? undefined,
    network_advice_code: ch.networkAdviceCode ?? undefined, charge_id: ch.id, payment_method_id: ch.paymentMethodId ?? undefined,
    card_brand: ch.cardBrand ?? undefined, card_fingerprint: ch.cardFingerprint ?? undefined });
}

/** A complete generic event body. */
export function genericEvent(id: string, type: BillingEventKind, at: Date, parts: Parts): GenericEvent {
  return compact({ id, type, occurred_at: at.toISOString(), livemode: false, ...parts });
}

export type GenericEventParts = Parts;
