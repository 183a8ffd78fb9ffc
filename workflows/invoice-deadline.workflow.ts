import { condition, setCurrentDetails, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { pendingDeadlines, type InvoiceDeadlineInput } from '../domain/deadlines';
import { isoDate } from '../domain/format';
import { derivedEventId } from '../domain/triggers';
import { workflowNow } from './clock';
import { invoicePaidSignal, invoiceUncollectibleSignal, invoiceVoidedSignal } from './messages';
import { acts } from './proxies';
import { runSearchAttributes } from './search-attributes';

/** How a deadline timer ended, and which derived events it raised. */
export interface InvoiceDeadlineResult {
  status: 'done' | 'settled';
  raised: string[];
}

/**
 * The due-date timer of one `send_invoice` invoice (id `deadline:invoice:{invoiceId}`): raises
 * `invoice_due_date_upcoming` N days before and `invoice_overdue` N days after the due date, through the
 * gateway's pipeline (so matching, dedupe and records are the same as for a webhook), unless the invoice
 * is paid, voided or marked uncollectible first.
 */
export async function invoiceDeadline(input: InvoiceDeadlineInput): Promise<InvoiceDeadlineResult> {
  let settled = false;
  const settle = () => void (settled = true);
  setHandler(invoicePaidSignal, settle);
  setHandler(invoiceVoidedSignal, settle);
  setHandler(invoiceUncollectibleSignal, settle);
  upsertSearchAttributes(runSearchAttributes({ InvoiceId: input.invoiceId, CustomerId: input.customerId, RunStep: 'deadline' }));
  const raised: string[] = [];
  // A handful of deadlines per invoice: the history stays small, no continueAsNew needed.
  for (const deadline of pendingDeadlines(input, workflowNow())) {
    const id = derivedEventId(deadline.kind, input.invoiceId, deadline.days);
    setCurrentDetails(`Invoice ${input.invoiceId} due ${isoDate(input.dueDate)}; next: ${id} at ${isoDate(deadline.at)}`);
    const ms = deadline.at - workflowNow();
    if (ms > 0) await condition(() => settled, ms, { summary: `${deadline.kind} ${deadline.days}d` });
    if (settled) break;
    const { kind, days } = deadline;
    await acts.raiseDerivedEvent({ id, kind, days, invoiceId: input.invoiceId, customerId: input.customerId, occurredAt: deadline.at });
    raised.push(id);
  }
  setCurrentDetails(`Invoice ${input.invoiceId}: ${settled ? 'settled' : 'all deadlines raised'} (${raised.length} raised)`);
  return { status: settled ? 'settled' : 'done', raised };
}
