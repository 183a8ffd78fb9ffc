import type { RetryPolicy } from '../../domain/automation';
import type { AutomationRunInput } from '../../domain/run';
import { previewTimeline } from '../../domain/preview-timeline';
import { paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';

/**
 * The dated retries `policy` makes when the trigger and every retry decline with `declineCode`, read off
 * the run plan's preview of a run with that one `retry_payment` step, under the schedule of runs recorded
 * before the card-network rules (`networkRules: false`) unless told otherwise.
 */
export function plannedRetries(policy: RetryPolicy, firstFailedAt: number, dayMs: number, declineCode?: string, networkRules = false): number[] {
  const failed = paymentFailed(firstFailedAt);
  const event = { ...failed, attempt: { ...failed.attempt!, declineCode } };
  const automation = version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy }] }, 'planned');
  const timeline = previewTimeline({ automation, subject: { type: 'invoice', id: event.invoice!.id }, event, dayMs }, { declineCode, networkRules });
  return timeline.entries.filter((e) => e.action === 'payment_attempt').map((e) => e.at);
}

/** The times the preview dates the charges of a run input at (every run since the card-network rules). */
export function previewCharges(input: AutomationRunInput): number[] {
  return previewTimeline(input).entries.filter((e) => e.action === 'payment_attempt').map((e) => e.at);
}
