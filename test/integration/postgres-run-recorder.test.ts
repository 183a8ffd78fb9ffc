import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunRecord as Record } from '../../activities/deps';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { RunEntity, RunStepEntity } from '../../services/common/database/entities';
import { recordDispatchedStart, type RunStart } from '../../services/common/database/run-projection';
import { PostgresRunRecorder } from '../../services/worker/adapters/postgres-run-recorder';

const T0 = Date.UTC(2026, 1, 1);

describe('PostgresRunRecorder', () => {
  let dataSource: DataSource;
  let recorder: PostgresRunRecorder;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    recorder = new PostgresRunRecorder(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  function run(automationId = randomUUID()) {
    const workflowId = `run:${automationId}:invoice:in_${automationId.slice(0, 8)}`;
    const rec = (suffix: string, at: number, body: object) => recorder.record({ workflowId, at, idempotencyKey: `${workflowId}:${suffix}`, ...body } as Record);
    const started = (at = T0) => rec('started', at, {
      type: 'started', automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', customerId: 'cus_1', invoiceId: 'in_1', amountDue: 2500, currency: 'usd',
    });
    return { workflowId, rec, started };
  }
  const steps = (runId: string) => dataSource.manager.find(RunStepEntity, { where: { runId }, order: { stepIndex: 'ASC', attempt: 'ASC' } });

  it('keeps one row whichever of the dispatcher and the run records the start first, with the ids only the dispatcher knows', async () => {
    const dispatcherStart = (workflowId: string, automationId: string): RunStart & { workflowRunId: string } => ({
      workflowId, automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', customerId: 'cus_1', invoiceId: 'in_1',
      amountDue: 2500, currency: 'usd', startedAt: new Date(T0 - 5), workflowRunId: randomUUID(), triggerEventId: randomUUID(),
    });
    const dispatch = (start: RunStart & { workflowRunId: string }) => recordDispatchedStart(dataSource.manager, start);
    for (const order of ['dispatcher first', 'run first'] as const) {
      const automationId = randomUUID();
      const { workflowId, started } = run(automationId);
      const start = dispatcherStart(workflowId, automationId);
      if (order === 'dispatcher first') await dispatch(start);
      await started();
      if (order === 'run first') await dispatch(start);
      await dispatch({ ...start, workflowRunId: randomUUID() }); // a re-dispatch changes nothing
      expect(await dataSource.manager.findBy(RunEntity, { id: workflowId })).toEqual([expect.objectContaining({
        status: 'running', workflowRunId: start.workflowRunId, triggerEventId: start.triggerEventId, amountDue: '2500', automationVersion: 3,
      })]);
    }
  });

  it('projects a run: steps, attempts with decline codes, the email, and the recovered outcome; retries add nothing', async () => {
    const { workflowId, rec, started } = run();
    await started();
    await started(); // retried activity
    await rec('step:0', T0 + 1, { type: 'step_started', stepIndex: 0, step: 'retry_payment' });
    await rec('attempt:0:1', T0 + 2, { type: 'attempt', stepIndex: 0, status: 'failed', declineCode: 'insufficient_funds' });
    await rec('attempt:0:1', T0 + 2, { type: 'attempt', stepIndex: 0, status: 'failed', declineCode: 'insufficient_funds' });
    await rec(`attempt:0:2:deferred:${T0 + 3}`, T0 + 3, { type: 'attempt', stepIndex: 0, status: 'deferred', deferredUntil: T0 + 99 });
    await rec('attempt:0:2', T0 + 4, { type: 'attempt', stepIndex: 0, status: 'failed', declineCode: 'do_not_honor' });
    await rec('step:1', T0 + 5, { type: 'step_started', stepIndex: 1, step: 'send_customer_email' });
    await rec('email:1', T0 + 6, { type: 'email', stepIndex: 1, template: 'payment_failed', to: ['ada@x.test'], messageId: 'm1' });
    await rec('step:2', T0 + 7, { type: 'step_started', stepIndex: 2, step: 'wait' });
    const outcome = { type: 'outcome', outcome: { status: 'recovered', reason: 'invoice_paid', at: T0 + 8, stepIndex: 2 } };
    await rec('outcome', T0 + 8, outcome);
    await rec('outcome', T0 + 8, outcome);

    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).toMatchObject({
      status: 'recovered', outcome: 'invoice_paid', currentStep: 2, amountDue: '2500', recoveredAmount: '2500', currency: 'usd',
      automationVersion: 3, invoiceId: 'in_1', endedAt: new Date(T0 + 8),
    });
    expect((await steps(workflowId)).map((s) => [s.stepIndex, s.attempt, s.type, s.status, s.declineCode, s.endedAt?.getTime()])).toEqual([
      [0, 0, 'retry_payment', 'completed', null, T0 + 5],
      [0, 1, 'payment_attempt', 'failed', 'insufficient_funds', T0 + 2],
      [0, 2, 'payment_attempt', 'deferred', null, T0 + 3],
      [0, 3, 'payment_attempt', 'failed', 'do_not_honor', T0 + 4],
      [1, 0, 'send_customer_email', 'completed', null, T0 + 7],
      [2, 0, 'wait', 'completed', null, T0 + 8],
    ]);
    expect((await steps(workflowId))[4].detail).toEqual({ email: { template: 'payment_failed', to: ['ada@x.test'], messageId: 'm1' } });
  });

  it('keeps the first outcome, and records nothing recovered for other outcomes', async () => {
    const { workflowId, rec, started } = run();
    await started();
    await rec('outcome', T0 + 1, { type: 'outcome', outcome: { status: 'failed', reason: 'cancel_subscription failed', at: T0 + 1, stepIndex: 0 } });
    await rec('outcome-2', T0 + 2, { type: 'outcome', outcome: { status: 'recovered', reason: 'invoice_paid', at: T0 + 2, stepIndex: 0 } });
    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).toMatchObject({ status: 'failed', recoveredAmount: '0' });
  });

  it('starts a fresh projection when the same workflow id runs again after the previous run ended', async () => {
    const { workflowId, rec, started } = run();
    await started(T0);
    await rec('step:0', T0 + 1, { type: 'step_started', stepIndex: 0, step: 'wait' });
    await rec('outcome', T0 + 2, { type: 'outcome', outcome: { status: 'ended', reason: 'invoice_voided', at: T0 + 2, stepIndex: 0 } });
    await started(T0 + 1000);
    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).toMatchObject({ status: 'running', endedAt: null, startedAt: new Date(T0 + 1000) });
    expect(await steps(workflowId)).toEqual([]);
  });

  it('keeps why each attempt was made and the card budget that deferred one, and the run\'s attribution and decline class', async () => {
    const { workflowId, rec } = run();
    await rec('started', T0, { type: 'started', automationId: workflowId.split(':')[1], version: 3, subjectType: 'invoice', subjectId: 'in_1', declineClass: 'retry_after' });
    const reason = { kind: 'scheduled', slot: 1, of: 8, windowDays: 7, declineClass: 'retry_after', rule: 'mastercard-mac-24', adviceCode: '24', adviceWaitHours: 1, paydayAligned: false, localDaytime: true, reslotted: false };
    await rec('attempt:0:1:deferred', T0 + 1, { type: 'attempt', stepIndex: 0, status: 'deferred', deferredUntil: T0 + 100, rule: 'mastercard-10-per-24h', reason });
    await rec('attempt:0:1', T0 + 100, { type: 'attempt', stepIndex: 0, status: 'succeeded', reason });
    await rec('outcome', T0 + 101, { type: 'outcome', outcome: { status: 'recovered', reason: 'retry_succeeded', attribution: 'scheduled_retry', at: T0 + 101, stepIndex: 0 } });
    expect((await steps(workflowId)).map((s) => s.detail)).toEqual([
      { deferredUntil: new Date(T0 + 100).toISOString(), rule: 'mastercard-10-per-24h', reason, why: expect.stringContaining('advice code 24') },
      { reason, why: expect.stringContaining('slot 1 of 8 in 7 days') },
    ]);
    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).toMatchObject({ status: 'recovered', attribution: 'scheduled_retry', declineClass: 'retry_after' });
  });

  it('takes the decline class from the run\'s own start when the dispatcher recorded the start first', async () => {
    const automationId = randomUUID();
    const { workflowId, rec } = run(automationId);
    const workflowRunId = randomUUID();
    await recordDispatchedStart(dataSource.manager, { workflowId, automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', startedAt: new Date(T0), workflowRunId, amountDue: 129_900, currency: 'usd' });
    await rec('started', T0, { type: 'started', automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', declineClass: 'never_on_this_card' });
    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId }))
      .toMatchObject({ status: 'running', declineClass: 'never_on_this_card', workflowRunId, amountDue: '129900', currency: 'usd', startedAt: new Date(T0) });
  });

  it('adds the dispatcher\'s ids to a start the run recorded first, keeping the run\'s own facts, and a second try changes nothing', async () => {
    const automationId = randomUUID();
    const { workflowId, rec } = run(automationId);
    await rec('started', T0, { type: 'started', automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', declineClass: 'retry_after' });
    const triggerEventId = randomUUID();
    const first = { workflowId, automationId, version: 3, subjectType: 'invoice', subjectId: 'in_1', startedAt: new Date(T0 + 5), workflowRunId: 'run-1', triggerEventId };
    await Promise.all([recordDispatchedStart(dataSource.manager, first), recordDispatchedStart(dataSource.manager, { ...first, workflowRunId: 'run-2' })]);
    const row = await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId });
    expect(row).toMatchObject({ declineClass: 'retry_after', triggerEventId, startedAt: new Date(T0), status: 'running' });
    expect(['run-1', 'run-2']).toContain(row.workflowRunId); // the first writer's, never replaced
    await recordDispatchedStart(dataSource.manager, { ...first, workflowRunId: 'run-3' });
    expect((await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).workflowRunId).toBe(row.workflowRunId);
  });

  it('keeps an ended run\'s story: failed and skipped steps on their rows, the final state on the run', async () => {
    const { workflowId, rec, started } = run();
    await started();
    await rec('step:0', T0 + 1, { type: 'step_started', stepIndex: 0, step: 'send_customer_email' });
    await rec('failed:0', T0 + 2, { type: 'step_failed', stepIndex: 0, step: 'send_customer_email', failureType: 'CustomerHasNoEmail', message: 'Customer cus_1 has no email address', onFailure: 'continue' });
    await rec('failed:0', T0 + 2, { type: 'step_failed', stepIndex: 0, step: 'send_customer_email', failureType: 'CustomerHasNoEmail', message: 'Customer cus_1 has no email address', onFailure: 'continue' });
    await rec('step:1', T0 + 3, { type: 'step_started', stepIndex: 1, step: 'cancel_subscription' });
    await rec('skipped:1', T0 + 3, { type: 'step_skipped', stepIndex: 1, step: 'cancel_subscription', reason: 'the invoice has no subscription' });
    const state = { attempts: [{ at: T0, source: 'trigger', status: 'failed', declineCode: 'stolen_card' }], notes: [{ kind: 'paused', at: T0, stepIndex: 0, until: T0 + 9, declineCode: 'stolen_card' }] };
    await rec('outcome', T0 + 4, { type: 'outcome', outcome: { status: 'completed', reason: 'all_steps_done', at: T0 + 4, stepIndex: 2 }, state });
    expect((await steps(workflowId)).map((s) => [s.stepIndex, s.status, s.detail])).toEqual([
      [0, 'failed', { failure: { failureType: 'CustomerHasNoEmail', message: 'Customer cus_1 has no email address', onFailure: 'continue' } }],
      [1, 'skipped', { note: 'the invoice has no subscription' }],
    ]);
    expect(await dataSource.manager.findOneByOrFail(RunEntity, { id: workflowId })).toMatchObject({ status: 'completed', finalState: state });
  });
});
