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
  // A plain loop: normalizing one webhook calls this a dozen times, and the entries/filter/fromEntries
  // arrays were a visible share of the accept path's CPU.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    // An own "__proto__" key stays a key (an assignment would set the prototype instead).
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/** Stripe sends epoch seconds; the domain uses epoch milliseconds. */
export const secondsToMs = (seconds: number): number => seconds * 1000;

const DAY_MS = 86_400_000;

/** The event kinds that carry `days`: how far past the due date (overdue) or before it (upcoming). */
export type DueDateKind = 'invoice_overdue' | 'invoice_due_date_upcoming';

/** True for the kinds whose events carry `days`. */
export const isDueDateKind = (kind: string): kind is DueDateKind =>
  kind === 'invoice_overdue' || kind === 'invoice_due_date_upcoming';

/**
 * Whole days between the due date and the event (epoch ms): past it for overdue, before it for upcoming.
 * Rounded, not floored: providers send these N days from the due date plus some delivery delay.
 */
export function dueDays(kind: DueDateKind, dueDateMs: number, atMs: number): number {
  const sign = kind === 'invoice_overdue' ? 1 : -1;
  return Math.max(0, Math.round((sign * (atMs - dueDateMs)) / DAY_MS));
}
