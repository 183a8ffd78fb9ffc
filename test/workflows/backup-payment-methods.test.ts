import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { AutomationDefinition } from '../../domain/automation';
import { previewTimeline } from '../../domain/preview-timeline';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { chargeSequence, decline, fakeActivities, success } from '../../testkit/fake-activities';
import { DAY, hoursBetween, recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const withBackups = version({ ...recipe1, steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [3, 5], backupPaymentMethods: true } }, { type: 'cancel_subscription' }] } as AutomationDefinition, 'auto_backups');

it('charges the backups right after a soft decline on the default, as the preview dates them, and recovers on one', async () => {
  const declined = { ...decline('insufficient_funds'), backups: ['pm_second', 'pm_third'] };
  const fake = fakeActivities(env, { chargeInvoice: chargeSequence(declined, decline('generic_decline'), success) });
  const taskQueue = 'backup-payment-methods';
  const t0 = await env.currentTimeMs();
  const event = paymentFailed(t0, 'year', 'insufficient_funds');
  let key = (..._: number[]) => '';
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, event, [candidate(withBackups, 1)]);
    key = (...parts) => runKeyOf(handle!, ...parts);
    const result = await handle!.result();
    await recordHistory('backup-payment-method-recovered', handle!);
    return result;
  });
  expect(outcome).toMatchObject({ status: 'recovered', attribution: 'backup_payment_method' });
  const charges = fake.callsOf('chargeInvoice');
  expect(charges.map((c) => [c.input.paymentMethodId, c.input.withBackups, c.input.idempotencyKey])).toEqual([
    [undefined, true, key(0, 1)], ['pm_second', undefined, key(0, 2)], ['pm_third', undefined, key(0, 3)],
  ]);
  // All three at the first retry's time, the hour the preview gives for the default and its backups.
  const preview = previewTimeline({ automation: withBackups, subject: { type: 'invoice', id: event.invoice!.id }, event, dayMs: DAY }, { backupPaymentMethods: ['pm_second', 'pm_third'] });
  const planned = preview.entries.filter((e) => e.action === 'payment_attempt').slice(0, 3).map((e) => e.at);
  expect(charges.map((c) => hoursBetween(t0, c.simulatedAt))).toEqual(planned.map((at) => hoursBetween(t0, at)));
  expect(hoursBetween(t0, planned[0])).toBe(72);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
});
