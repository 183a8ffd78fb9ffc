import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import fc from 'fast-check';
import type { ChargeInput } from '../../activities';
import { MAX_RETRIES, SMART_WINDOWS, type AutomationDefinition, type RetryPolicy } from '../../domain/automation';
import { previewTimeline } from '../../domain/preview-timeline';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { decline, fakeActivities } from '../../testkit/fake-activities';
import { hoursBetween, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

// The preview and the workflow drive the same run plan: for random policies and decline sequences, the
// time-skipped `automationRun` (its charges answered from the sequence) charges at the hours the preview
// dates, and ends the same way. Workflow task times lag timers by a few ms, hence whole hours.

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const codes = fc.constantFrom('insufficient_funds', 'generic_decline', 'do_not_honor', 'card_declined', 'stolen_card', 'lost_card');
const policies: fc.Arbitrary<RetryPolicy> = fc.oneof(
  fc.record({ type: fc.constant('smart' as const), window: fc.constantFrom(...SMART_WINDOWS), maxRetries: fc.integer({ min: 1, max: MAX_RETRIES }) }),
  fc.record({ type: fc.constant('custom' as const), days: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: MAX_RETRIES }) }),
);
const cases = fc.record({
  policy: policies,
  // Mostly soft declines (so schedules run long), now and then a hard one that pauses them.
  trigger: fc.oneof({ weight: 4, arbitrary: fc.constant('insufficient_funds') }, { weight: 1, arbitrary: codes }),
  declines: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('insufficient_funds', 'generic_decline') }, { weight: 1, arbitrary: codes }), { maxLength: MAX_RETRIES }),
  graceDays: fc.integer({ min: 1, max: 5 }),
});

it('dates the same charges and the same end in the workflow and in the preview', async () => {
  let n = 0;
  const sequences = new Map<string, string[]>();
  const fake = fakeActivities(env, {
    // Each invoice's charges decline with its case's sequence, then with the trigger's code (as the preview assumes).
    chargeInvoice: async ({ invoiceId }: ChargeInput) => decline(sequences.get(invoiceId)!.shift()!),
  });
  await withWorker(env, bundle, 'plan-vs-preview', fake.activities, () =>
    fc.assert(
      fc.asyncProperty(cases, async ({ policy, trigger, declines, graceDays }) => {
        const invoiceId = `in_prop_${++n}`;
        sequences.set(invoiceId, [...declines, ...Array<string>(2 * MAX_RETRIES + 2).fill(trigger)]);
        const def: AutomationDefinition = {
          ...recipe1, filters: undefined,
          steps: [{ type: 'retry_payment', policy }, { type: 'wait', days: graceDays }, { type: 'mark_invoice_uncollectible' }],
        };
        const t0 = await env.currentTimeMs();
        const event = paymentFailed(t0, 'year', trigger, { id: invoiceId });
        const { handle, input } = await dispatch(env.client, 'plan-vs-preview', event, [candidate(version(def, 'auto_prop'), 1)]);
        const outcome = await handle!.result();
        const preview = previewTimeline(input!, { declineCodes: declines });
        const charged = fake.callsOf('chargeInvoice').filter((c) => c.input.invoiceId === invoiceId).map((c) => hoursBetween(t0, c.input.at));
        const planned = preview.entries.filter((e) => e.action === 'payment_attempt').map((e) => hoursBetween(t0, e.at));
        expect(charged).toEqual(planned);
        expect([outcome.status, outcome.reason, outcome.stepIndex, hoursBetween(t0, outcome.at)])
          .toEqual([preview.end.status, preview.end.reason, preview.end.stepIndex, hoursBetween(t0, preview.end.at)]);
      }),
      { numRuns: 20, seed: 20261201, endOnFailure: true },
    ),
  );
  expect(n).toBe(20);
}, 120_000);
