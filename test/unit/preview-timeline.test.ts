import { previewTimeline } from '../../domain/preview-timeline';
import type { AutomationRunInput } from '../../domain/run';
import { overdue, paymentFailed, recipe1, recipe2, sendInvoice, subscriptionCanceled, recipe3, version } from '../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);

function input(def: Parameters<typeof version>[0], event: AutomationRunInput['event']): AutomationRunInput {
  return { automation: version(def, 'a1'), subject: { type: 'invoice', id: event.invoice?.id ?? 'x' }, event, dayMs: DAY };
}

describe('previewTimeline', () => {
  it('plans recipe 1: the smart retries (one per 7.5-day slot of 60 days, funds declines on paydays), then 7 days of grace, cancel, uncollectible', () => {
    const t = previewTimeline(input(recipe1, paymentFailed(T0)));
    // Slot k is [7.5(k-1), 7.5k) days; funds retries move to 10:00 on the 15th, 30 Jan (last business day), 15 Feb, 27 Feb.
    const retries = [118, 213, 478, 573, 862, 957, 1150, 1269].map((h) => T0 + h * (DAY / 24));
    const attempts = t.entries.filter((e) => e.action === 'payment_attempt');
    expect(attempts.map((e) => e.at)).toEqual(retries);
    expect(attempts.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(attempts.map((e) => e.reason)).toEqual(retries.map((_, k) => expect.objectContaining({ kind: 'scheduled', slot: k + 1, of: 8, windowDays: 60, declineClass: 'soft', rule: 'stripe-funds-decline', paydayAligned: k % 2 === 0 })));
    const last = retries[retries.length - 1];
    expect(last).toBeLessThan(T0 + 60 * DAY); // all 8 inside the window
    const actions = t.entries.filter((e) => e.action !== 'payment_attempt').map((e) => [e.action, e.at]);
    expect(actions).toEqual([
      ['retries_exhausted', last],
      ['wait', last],
      ['cancel_subscription', last + 7 * DAY],
      ['mark_invoice_uncollectible', last + 7 * DAY],
    ]);
    expect(t.entries.find((e) => e.action === 'wait')?.until).toBe(last + 7 * DAY);
    // Each action shows what its failure would do: money-moving steps end the run.
    expect(attempts.every((e) => e.onFailure === 'end_run')).toBe(true);
    expect(t.entries.filter((e) => e.action === 'cancel_subscription' || e.action === 'mark_invoice_uncollectible').map((e) => e.onFailure)).toEqual(['end_run', 'end_run']);
    expect(t.end).toEqual({ status: 'completed', reason: 'invoice_marked_uncollectible', at: last + 7 * DAY, stepIndex: 3 });
    expect(t.assumedDeclineCode).toBe('insufficient_funds');
  });

  it('names the events that end the run early, as the workflow decides them', () => {
    const t = previewTimeline(input(recipe1, paymentFailed(T0)));
    expect(t.endsEarlyOn.map((e) => [e.signal, e.status, e.reason])).toEqual([
      ['invoicePaid', 'recovered', 'invoice_paid'],
      ['invoiceVoided', 'ended', 'invoice_voided'],
      ['invoiceUncollectible', 'ended', 'invoice_marked_uncollectible'],
      ['subscriptionCanceled', 'ended', 'subscription_canceled'],
      ['cancel', 'canceled', expect.any(String)],
    ]);
  });

  it('does not retry a hard decline: it waits for a new card until the window ends, then goes on', () => {
    const t = previewTimeline(input(recipe1, paymentFailed(T0, 'year', 'stolen_card')));
    expect(t.entries.filter((e) => e.action === 'payment_attempt')).toEqual([]);
    expect(t.entries[0]).toMatchObject({ action: 'await_payment_method', at: T0, until: T0 + 60 * DAY });
    expect(t.end.at).toBe(T0 + 67 * DAY);
  });

  it('follows a custom policy and an assumed decline code', () => {
    const def = { ...recipe1, steps: [{ type: 'retry_payment' as const, policy: { type: 'custom' as const, days: [1, 3] } }] };
    const t = previewTimeline(input(def, paymentFailed(T0)), { declineCode: 'lost_card' });
    // The first retry fails hard: the schedule pauses until its remaining days run out.
    expect(t.entries.map((e) => [e.action, e.at])).toEqual([
      ['payment_attempt', T0 + DAY],
      ['await_payment_method', T0 + DAY],
      ['retries_exhausted', T0 + 4 * DAY],
    ]);
    expect(t.end).toMatchObject({ status: 'completed', reason: 'all_steps_done', at: T0 + 4 * DAY });
  });

  it('is skipped when the pinned filters do not match (monthly plan on an annual-only automation)', () => {
    const t = previewTimeline(input(recipe1, paymentFailed(T0, 'month')));
    expect(t.entries).toEqual([]);
    expect(t.end).toMatchObject({ status: 'skipped', reason: 'filters_do_not_match' });
  });

  it('sends recipe 2 and 3 emails at the trigger time and ends', () => {
    const inv = sendInvoice(T0 - 7 * DAY, 60_000);
    const memo = previewTimeline(input(recipe2, overdue(inv, 7, T0)));
    expect(memo.entries).toEqual([expect.objectContaining({ at: T0, action: 'send_team_email' })]);
    const canceled = subscriptionCanceled(T0);
    const survey = previewTimeline({ ...input(recipe3, canceled), subject: { type: 'subscription', id: 'sub_1' } });
    expect(survey.entries).toEqual([expect.objectContaining({ at: T0, action: 'send_customer_email' })]);
    // A run started by the cancellation is not ended by it.
    expect(survey.endsEarlyOn.map((e) => e.signal)).toEqual(['cancel']);
  });

  it('shows notifications as going on after a failure, unless overridden, and a subscription step skipped on an invoice without one', () => {
    const def = { ...recipe2, steps: [{ type: 'emit_webhook' as const, url: 'https://hooks.acme.test/x' }, { type: 'send_team_email' as const, to: ['ops@acme.test'], memo: 'x', onFailure: 'end_run' as const }, { type: 'cancel_subscription' as const }] };
    const t = previewTimeline(input(def, overdue(sendInvoice(T0, 75_000), 7, T0 + 7 * DAY)));
    expect(t.entries.map((e) => [e.action, e.onFailure])).toEqual([['emit_webhook', 'continue'], ['send_team_email', 'end_run'], ['step_skipped', undefined]]);
    expect(t.entries[2]).toMatchObject({ step: 'cancel_subscription', description: 'skipped: the invoice has no subscription' });
    expect(t.end).toMatchObject({ status: 'completed', reason: 'all_steps_done' });
  });
});
