import type { CollectionMethod, InvoiceStatus, RecurringInterval, SubscriptionStatus } from '../billing';

/** Every `InvoiceStatus`, as a runtime list for schemas. */
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const satisfies readonly InvoiceStatus[];

/** Every `SubscriptionStatus`, as a runtime list for schemas. */
export const SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const satisfies readonly SubscriptionStatus[];

/** Every `RecurringInterval`, as a runtime list for schemas. */
export const RECURRING_INTERVALS = ['day', 'week', 'month', 'year'] as const satisfies readonly RecurringInterval[];

/** Every `CollectionMethod`, as a runtime list for schemas. */
export const COLLECTION_METHODS = ['charge_automatically', 'send_invoice'] as const satisfies readonly CollectionMethod[];

/** Drops keys whose value is `undefined`, so snapshots compare and serialize the same whatever built them. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Stripe sends epoch seconds; the domain uses epoch milliseconds. */
export const secondsToMs = (seconds: number): number => seconds * 1000;

/** Length of a day in seconds, for whole-day distances between Stripe timestamps. */
export const DAY_SECONDS = 86_400;
