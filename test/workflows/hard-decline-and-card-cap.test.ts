import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { AutomationDefinition } from '../../domain/automation';
import { paymentFailedSignal, paymentMethodUpdatedSignal, stateQuery } from '../../workflows/messages';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { chargeSequence, decline, fakeActivities, success } from '../../testkit/fake-activities';
import { InMemoryCardLedger, inMemoryDeps } from '../support/in-memory-ports';
import { previewCharges } from '../support/planned-retries';
import { FakeBilling } from '../../testkit/fake-billing';
import { DAY, hoursBetween, recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const annual = version(recipe1, 'auto_annual');

useTimeSkipping((ready) => ({ env, bundle } = ready));

it('pauses retries after a hard decline until the payment method changes, then retries promptly', async () => {
  const fake = fakeActivities(env, { chargeInvoice: chargeSequence(decline('insufficient_funds'), success) });
  const taskQueue = 'hard-decline';
  const t0 = await env.currentTimeMs();
  let key = (..._: number[]) => '';
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'stolen_card'), [candidate(annual, 1)]);
    key = (...parts) => runKeyOf(handle!, ...parts);
    await env.sleep(10 * DAY); // no smart retry is made: the card was reported stolen
    expect(fake.callsOf('chargeInvoice')).toHaveLength(0);
    const paused = await handle!.query(stateQuery);
    expect(paused.retry).toMatchObject({ awaitingPaymentMethod: true, retriesDone: 0, lastDeclineCode: 'stolen_card' });
    expect(paused.nextAction).toEqual({
      description: 'stop waiting for a new payment method', at: t0 + 60 * DAY,
      reason: { kind: 'awaiting_new_card_details', declineClass: 'wait_for_new_card_details', rule: 'stripe-hard-decline:stolen_card' },
    });
    await handle!.signal(paymentMethodUpdatedSignal);
    const result = await handle!.result();
    await recordHistory('hard-decline-new-card-network-rules', handle!);
    return result;
  });
  const charges = fake.callsOf('chargeInvoice');
  // Prompt retry at once on the new card (day 10); it declines softly (insufficient funds), so the
  // schedule resumes over what is left of the window, at least the 2m/8 spacing (90 h) later.
  const hours = charges.map((c) => hoursBetween(t0, c.simulatedAt));
  expect(hours[0]).toBe(240);
  expect(hours[1] - hours[0]).toBeGreaterThanOrEqual(90);
  expect(hours[1]).toBeLessThan(60 * 24);
  expect(charges.map((c) => c.input.idempotencyKey)).toEqual([key(0, 1), key(0, 2)]);
  expect(outcome).toMatchObject({ status: 'recovered', reason: 'retry_succeeded' });
});

it('pauses on a hard decline reported by the provider mid-schedule (paymentFailed signal)', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'hard-decline-signal';
  const t0 = await env.currentTimeMs();
  let first = 0;
  await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    // An invoice of its own: the dispatcher's start options never reuse a closed run's id.
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_provider_hard' }), [candidate(annual, 1)]);
    first = previewCharges(input!)[0];
    await env.sleep(first - t0 + DAY / 24); // retry 1 declined (retry 2 is at least 90 h later)
    await handle!.signal(paymentFailedSignal, { attempt: 3, declineCode: 'lost_card' });
    await env.sleep(50 * DAY);
    const state = await handle!.query(stateQuery);
    expect(state.attempts.map((a) => [a.source, a.declineCode])).toEqual([
      ['trigger', 'insufficient_funds'], ['run', 'insufficient_funds'], ['provider', 'lost_card'],
    ]);
    expect(state.retry?.awaitingPaymentMethod).toBe(true);
    await handle!.terminate('test done');
  });
  expect(fake.callsOf('chargeInvoice').map((c) => hoursBetween(t0, c.simulatedAt))).toEqual([hoursBetween(t0, first)]);
});

it('holds the Visa budget (20 in 30 days) for one card across two automations, counting the provider\'s own attempts', async () => {
  // Two automations, each with 8 daily retries, dun two invoices paid by the same Visa card.
  const daily: AutomationDefinition = { ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [1, 1, 1, 1, 1, 1, 1, 1] } }] };
  const ledger = new InMemoryCardLedger();
  const billing = new FakeBilling({ unknownIds: 'invent' });
  const activities = createActivities(inMemoryDeps({ billing, cardLedger: ledger }));
  const taskQueue = 'visa-cap';
  const t0 = await env.currentTimeMs();
  // Five attempts the provider made on the card an hour before (its own first charges, seen in events).
  for (let i = 0; i < 5; i++) await ledger.observe({ fingerprint: 'fp_1', cardBrand: 'visa', at: t0 - DAY / 24, eventKey: `evt_${i}`, succeeded: false });
  const [a, b] = await withWorker(env, bundle, taskQueue, activities, async () => {
    const runA = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_A', subscriptionId: 'sub_A' }), [candidate(version(daily, 'auto_A'), 1)]);
    const runB = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_B', subscriptionId: 'sub_B' }), [candidate(version(daily, 'auto_B'), 1)]);
    // One result() at a time: each call unlocks the server's time skipping, and concurrent calls unbalance it.
    const resultA = await runA.handle!.result();
    return [resultA, await runB.handle!.result()];
  });
  const granted = ledger.attempts.get('fp_1')!.map((x) => x.at).sort((x, y) => x - y);
  expect(granted).toHaveLength(20);
  expect(billing.charges).toHaveLength(15);
  const days = granted.slice(5).map((at) => Math.round((at - t0) / DAY));
  expect(days).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8]);
  // The 16th would wait until the provider's attempts leave the 30-day window (day 30), past its policy's
  // window (day 8): that run's policy is exhausted instead, and the run goes on (no step left: completed).
  for (const at of granted) expect(granted.filter((t) => t > at - 30 * DAY && t <= at).length).toBeLessThanOrEqual(20);
  expect(ledger.refusals).toMatchObject([{ rule: 'visa-20-per-30d' }]);
  expect([a.status, b.status]).toEqual(['completed', 'completed']); // retries exhausted, no further steps
});
