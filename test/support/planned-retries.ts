import type { RetryPolicy } from '../../domain/automation';
import { previewTimeline } from '../../domain/preview-timeline';
import { paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';

/**
 * The dated retries `policy` makes when the trigger and every retry decline with `declineCode`, read off
 * the run plan's preview of a run with that one `retry_payment` step.
 */
export function plannedRetries(policy: RetryPolicy, firstFailedAt: number, dayMs: number, declineCode?: string): number[] {
  const failed = paymentFailed(firstFailedAt);
  const event = { ...failed, attempt: { ...failed.attempt!, declineCode } };
  const automation = version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy }] }, 'planned');
  const timeline = previewTimeline({ automation, subject: { type: 'invoice', id: event.invoice!.id }, event, dayMs }, { declineCode });
  return timeline.entries.filter((e) => e.action === 'payment_attempt').map((e) => e.at);
}
