import type { StepType } from '../automation';

/**
 * Which steps a run carries out, in what order. Steps run in their listed order; after the run cancels
 * the subscription itself only invoice clean-up may follow (Stripe allows marking the invoice of a
 * canceled subscription uncollectible, nothing else is meaningful any more), and marking the invoice
 * uncollectible ends the run. Validation refuses definitions that break this, the run plan skips such
 * steps in a snapshot saved before the rule existed, and the preview follows the run plan.
 */

/** Whether a step may still run once the run has canceled the subscription. */
export function mayFollowCancel(step: StepType): boolean {
  return step === 'mark_invoice_uncollectible';
}

/** Whether a step ends the run once it is done. */
export function endsRun(step: StepType): boolean {
  return step === 'mark_invoice_uncollectible';
}

/** Index of the first step after `cancelIndex` that may not follow a cancellation, or -1. */
export function firstStepBarredAfterCancel(steps: readonly { type: StepType }[], cancelIndex: number): number {
  return steps.findIndex((s, j) => j > cancelIndex && !mayFollowCancel(s.type));
}
