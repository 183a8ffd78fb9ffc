import type { PaymentMethodSnapshot } from './billing';
import { cardExpiresAt } from './payment-methods';

/**
 * Pre-dunning: reminders before a card expires (trigger `payment_method_expiring`). A card works to the end of
 * its expiry month; a reminder is due N days before that, N being the largest `days` of the enabled automations
 * of the trigger (the matching then picks the automation whose N covers the days left). Each card and expiry
 * raises one event (`expiringEventId`), whoever finds it first; at send time the reminder is dropped when the
 * card was removed, updated or replaced meanwhile (`expiryReminderMoot`).
 */

/** Card expiry is a calendar fact: counted in real days, whatever the run's day length. */
export const CALENDAR_DAY_MS = 86_400_000;

/** Whole days (of `dayMs`) from `at` until the card stops working, never below 0; undefined without an expiry. */
export function daysToCardExpiry(pm: Pick<PaymentMethodSnapshot, 'expMonth' | 'expYear'>, at: number, dayMs: number): number | undefined {
  if (pm.expMonth === undefined || pm.expYear === undefined) return undefined;
  return Math.max(0, Math.floor((cardExpiresAt(pm.expMonth, pm.expYear) - at) / dayMs));
}

/** Dedupe id of one card's expiry reminder: one per card and expiry, whoever raises it (sweep or webhook). */
export function expiringEventId(paymentMethodId: string, expMonth: number, expYear: number): string {
  return `derived:payment_method_expiring:${paymentMethodId}:${expYear}-${String(expMonth).padStart(2, '0')}`;
}

/** The expiring card a reminder is about, as the trigger saw it. */
export interface ExpiringCard {
  id: string;
  exp_month?: number;
  exp_year?: number;
}

/**
 * Why a card-expiry reminder is no longer needed at send time, or undefined when it still is: the card was
 * removed, its details were updated (a new expiry, e.g. by an automatic card updater), or the customer's
 * default is now another payment method (the expiring card is no longer the one charged).
 */
export function expiryReminderMoot(card: ExpiringCard, current: { paymentMethod?: PaymentMethodSnapshot; customerId: string; defaultPaymentMethodId?: string }): string | undefined {
  const pm = current.paymentMethod;
  if (!pm || (pm.customerId !== undefined && pm.customerId !== current.customerId)) return 'the card was removed since the reminder was due';
  if (pm.expMonth !== card.exp_month || pm.expYear !== card.exp_year) return 'the card details were updated since the reminder was due';
  if (current.defaultPaymentMethodId !== undefined && current.defaultPaymentMethodId !== card.id) return 'the customer uses another payment method since the reminder was due';
  return undefined;
}

/** A card the sweep knows of, with its customer. */
export type KnownCard = PaymentMethodSnapshot & { customerId: string };

/** The cards whose reminder is due at `now` (0 < days left ≤ `windowDays`, in calendar days), with the days left. */
export function dueExpiryReminders(cards: readonly KnownCard[], now: number, windowDays: number): { card: KnownCard; days: number }[] {
  if (windowDays <= 0) return [];
  return cards.flatMap((card) => {
    const days = daysToCardExpiry(card, now, CALENDAR_DAY_MS);
    // An expired card (0 days left) is past reminding: its next charge fails and dunning takes over.
    return days !== undefined && days > 0 && days <= windowDays ? [{ card, days }] : [];
  });
}
