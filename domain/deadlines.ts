import type { AutomationVersion } from './automation';

/**
 * Derived due-date triggers. Stripe only emits `invoice.overdue` / `invoice.will_be_due` when its own
 * automations are on, so the system raises them itself from the invoice's due date.
 */

export type DeadlineKind = 'invoice_overdue' | 'invoice_due_date_upcoming';

/** One day offset to raise: N days after (overdue) or before (upcoming) the due date. */
export interface DeadlineSpec {
  kind: DeadlineKind;
  days: number;
}

/** Input of the `invoiceDeadline` workflow (id `deadline:invoice:{invoiceId}`). */
export interface InvoiceDeadlineInput {
  invoiceId: string;
  customerId: string;
  /** Epoch ms. */
  dueDate: number;
  deadlines: DeadlineSpec[];
  dayMs: number;
}

/** A deadline with its time. */
export interface DatedDeadline extends DeadlineSpec {
  at: number;
}

/** The distinct due-date offsets of the given automations (what an invoice's timer must raise). */
export function deadlinesOf(versions: readonly AutomationVersion[]): DeadlineSpec[] {
  const seen = new Map<string, DeadlineSpec>();
  for (const { trigger } of versions) {
    if (trigger.type === 'invoice_overdue' || trigger.type === 'invoice_due_date_upcoming') {
      seen.set(`${trigger.type}:${trigger.days}`, { kind: trigger.type, days: trigger.days });
    }
  }
  return [...seen.values()];
}

/**
 * The deadlines still to raise, in time order. An "upcoming" deadline already in the past when the timer
 * starts is dropped (saying "due in 3 days" one day before is wrong); a past overdue deadline is raised
 * at once, because the invoice is overdue by at least that much.
 */
export function pendingDeadlines(input: InvoiceDeadlineInput, now: number): DatedDeadline[] {
  return input.deadlines
    .map((d) => ({ ...d, at: input.dueDate + (d.kind === 'invoice_overdue' ? d.days : -d.days) * input.dayMs }))
    .filter((d) => d.kind === 'invoice_overdue' || d.at >= now)
    .map((d) => ({ ...d, at: Math.max(d.at, now) }))
    .sort((a, b) => a.at - b.at || a.days - b.days);
}
