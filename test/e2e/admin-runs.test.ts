import type { Client } from '@temporalio/client';
import request from 'supertest';
import type { Activities } from '../../activities';
import type { AutomationVersion } from '../../domain/automation';
import type { AutomationRunInput } from '../../domain/run';
import { runWorkflowId } from '../../domain/triggers';
import { PostgresRunRecorder } from '../../services/worker/adapters/postgres-run-recorder';
import { invoicePaidSignal } from '../../workflows/messages';
import { paymentFailed } from '../../testkit/automation-fixtures';
import { defaultActivities } from '../../testkit/fake-activities';
import { eventually, temporalClient } from '../support/ingestion-app';
import { startWorker } from '../../testkit/time-skipping';
import { body, problemOf, recipe1, startAdminApp, type AdminApp } from './admin-helpers';
import { automationRunStartOptions } from '../../services/common/temporal/workflow-start-options';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('admin API: /v1/runs on real workflows', () => {
  let api: AdminApp;
  let client: Client;
  let worker: { stop(): Promise<void> };
  const started: string[] = [];

  beforeAll(async () => {
    api = await startAdminApp();
    client = await temporalClient();
    const recorder = new PostgresRunRecorder(api.db.dataSource); // the real projection, on the suite's database
    const activities: Activities = { ...defaultActivities, recordRun: (r) => recorder.record(r) };
    worker = await startWorker(api.taskQueue, activities);
  });
  afterAll(async () => {
    await Promise.all(started.map((id) => client.workflow.getHandle(id).terminate('test over').catch(() => undefined)));
    await worker?.stop();
    await client?.connection.close();
    await api?.close();
  });

  /** Starts a run of the automation's current version as the dispatcher does, and waits for its projection row. */
  async function startRun(automationId: string, invoiceId: string): Promise<string> {
    const { body: a } = await api.get(`/v1/automations/${automationId}`).expect(200);
    const automation: AutomationVersion = { ...a.definition, automationId, version: a.version };
    const subject = { type: 'invoice' as const, id: invoiceId };
    const input: AutomationRunInput = { automation, subject, event: paymentFailed(Date.now(), 'year', 'insufficient_funds', { id: invoiceId }), dayMs: DAY };
    const workflowId = runWorkflowId(automationId, subject);
    await client.workflow.start('automationRun', automationRunStartOptions(input, api.taskQueue));
    started.push(workflowId);
    await eventually(async () => (await api.get(`/v1/runs/${encodeURIComponent(workflowId)}`)).body.live?.step === 'retry_payment');
    return workflowId;
  }

  const run = (id: string) => api.get(`/v1/runs/${encodeURIComponent(id)}`);
  const runStatus = (id: string, status: string) => eventually(async () => (await run(id)).body.status === status && (await run(id)).body);

  it('shows a running run live from its workflow, still on its version after the automation is edited', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const id = await startRun(a.id, 'in_live');
    const live = (await run(id).expect(200)).body;
    expect(live).toMatchObject({
      id, status: 'running', source: 'workflow', automationId: a.id, automationVersion: 1, invoiceId: 'in_live',
      amountDue: 120000, currency: 'usd', pinnedVersion: { version: 1, definition: { steps: recipe1.steps } },
      live: { version: 1, step: 'retry_payment', nextAction: { description: 'retry payment (1)' }, attempts: [{ source: 'trigger', declineCode: 'insufficient_funds' }] },
    });
    await api.patch(`/v1/automations/${a.id}`, { steps: [{ type: 'wait', days: 1 }, { type: 'cancel_subscription' }] }).expect(200);
    expect((await api.get(`/v1/automations/${a.id}`)).body.version).toBe(2);
    const after = (await run(id).expect(200)).body;
    expect(after).toMatchObject({ automationVersion: 1, pinnedVersion: { version: 1, definition: { steps: recipe1.steps } }, live: { version: 1, step: 'retry_payment' } });

    const list = await api.get(`/v1/runs?automationId=${a.id}&status=running`).expect(200);
    expect(list.body).toMatchObject({ data: [{ id, automationVersion: 1 }], hasMore: false, nextStartingAfter: null });
    expect((await api.get('/v1/runs?invoiceId=in_live&customerId=cus_1&subscriptionId=sub_1').expect(200)).body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await api.get(`/v1/runs?automationId=${a.id}&status=recovered`).expect(200)).body.data).toEqual([]);
    expect(problemOf(await api.get('/v1/runs?status=sleeping'), 422).errors![0].path).toBe('status');

    // Times are ISO-8601 strings; the planned retry says why it is then (slot k of N in the window, decline class).
    const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const reason = { kind: 'scheduled', slot: 1, of: 8, windowDays: 60, declineClass: 'soft', rule: 'stripe-funds-decline' };
    expect(live.live).toMatchObject({ nextAction: { at: iso, reason, why: expect.stringContaining('slot 1 of 8 in 60 days') }, attempts: [{ at: iso }], retry: { firstFailedAt: iso } });
    const gql = await api.gql('query($id: ID!) { run(id: $id) { automationVersion source pinnedVersion { version } live } }', { id });
    expect(gql.data.run).toMatchObject({ automationVersion: 1, source: 'workflow', pinnedVersion: { version: 1 }, live: { version: 1, nextAction: { at: iso, reason } } });
  });

  it('skip-wait ends the current wait: the first retry is made at once', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const id = await startRun(a.id, 'in_skip');
    expect((await api.post(`/v1/runs/${encodeURIComponent(id)}/skip-wait`).expect(202)).body).toMatchObject({ signal: 'skipWait', run: { id, status: 'running' } });
    const state = await eventually(async () => {
      const { body: r } = await run(id);
      // The attempt is booked before the run records it and plans the next wait: wait for both.
      return r.live?.attempts?.some((x: { source: string }) => x.source === 'run') && r.live.nextAction && r;
    });
    expect(state.live.nextAction.description).toBe('retry payment (2)');
  });

  it('cancels a running run; then cancel and skip-wait are 409, unknown runs 404', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const id = await startRun(a.id, 'in_cancel');
    await api.post(`/v1/runs/${encodeURIComponent(id)}/cancel`, { reason: 'customer asked' }).expect(202);
    const ended = await runStatus(id, 'canceled');
    expect(ended).toMatchObject({ outcome: 'customer asked', source: 'projection', live: null, endedAt: expect.any(String) });
    problemOf(await api.post(`/v1/runs/${encodeURIComponent(id)}/cancel`), 409);
    problemOf(await api.post(`/v1/runs/${encodeURIComponent(id)}/skip-wait`), 409);
    problemOf(await api.get('/v1/runs/run:nope'), 404);
    problemOf(await api.post('/v1/runs/run:nope/cancel'), 404);
    problemOf(await api.post('/v1/runs/run:nope/skip-wait'), 404);
    problemOf(await api.post(`/v1/runs/${encodeURIComponent(id)}/cancel`, { reason: 'x', force: true }), 422);
    problemOf(await request(api.app.getHttpServer()).post(`/v1/runs/${encodeURIComponent(id)}/cancel`), 401);
    const gql = await api.gql('mutation { cancelRun(id: "run:nope") { signal } }');
    expect(gql.errors![0]).toMatchObject({ message: 'No run run:nope', extensions: { code: 'BAD_USER_INPUT', status: 404 } });
  });

  it('disable {mode: cancel} cancels every running run of the automation; mode finish leaves them running', async () => {
    const { body: b } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const { body: c } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const [b1, b2, c1] = [await startRun(b.id, 'in_b1'), await startRun(b.id, 'in_b2'), await startRun(c.id, 'in_c1')];
    const finish = await api.post(`/v1/automations/${c.id}/disable`, { mode: 'finish' }).expect(200);
    expect(finish.body.canceledRunIds).toEqual([]);
    const cancel = await api.post(`/v1/automations/${b.id}/disable`, { mode: 'cancel' }).expect(200);
    expect(cancel.body.canceledRunIds.sort()).toEqual([b1, b2].sort());
    for (const id of [b1, b2]) expect(await runStatus(id, 'canceled')).toMatchObject({ outcome: 'automation_disabled' });
    expect((await run(c1)).body).toMatchObject({ status: 'running', source: 'workflow' });
    problemOf(await api.del(`/v1/automations/${c.id}`), 409);
    await api.del(`/v1/automations/${b.id}`).expect(200);
    expect((await run(b1)).body.pinnedVersion).toMatchObject({ version: 1 }); // versions outlive the automation
  });

  it('reports recovery from the run projection, per automation and period', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1)).expect(201);
    const paid = await startRun(a.id, 'in_paid');
    const lost = await startRun(a.id, 'in_lost');
    await startRun(a.id, 'in_open');
    await client.workflow.getHandle(paid).signal(invoicePaidSignal, {});
    await api.post(`/v1/runs/${encodeURIComponent(lost)}/cancel`).expect(202);
    await runStatus(paid, 'recovered');
    await runStatus(lost, 'canceled');
    const res = await api.get(`/v1/analytics/recovery?automationId=${a.id}&period=day`).expect(200);
    const stats = { runs: 3, running: 1, recovered: 1, recoveryRate: 0.5, amountDue: [{ currency: 'usd', amount: 360000 }], recoveredAmount: [{ currency: 'usd', amount: 120000 }] };
    expect(res.body).toMatchObject({ period: 'day', totals: stats, byAutomation: [{ automationId: a.id, ...stats }], byPeriod: [stats], byAutomationAndPeriod: [stats] });
    // Paid by the invoicePaid signal, before any retry: out of band, and outside the attempted rate.
    expect(res.body).toMatchObject({ byAttribution: [{ attribution: 'paid_out_of_band', recovered: 1 }], totals: { retried: 0, attemptedRecoveryRate: null }, failedRuns: [] });
    expect(res.body.attemptedRecoveryRule).toContain('at least one retry');
    const gql = await api.gql('query($a: String) { recoveryAnalytics(automationId: $a) { attemptedRecoveryRule totals { runs recovered recoveryRate attemptedRecoveryRate recoveredAmount { currency amount } } byAttribution { attribution recovered } } }', { a: a.id });
    expect(gql.data.recoveryAnalytics.totals).toEqual({ runs: 3, recovered: 1, recoveryRate: 0.5, attemptedRecoveryRate: null, recoveredAmount: [{ currency: 'usd', amount: 120000 }] });
    expect(gql.data.recoveryAnalytics).toMatchObject({ attemptedRecoveryRule: expect.stringContaining('retry'), byAttribution: [{ attribution: 'paid_out_of_band', recovered: 1 }] });
    const none = await api.get(`/v1/analytics/recovery?automationId=${a.id}&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`).expect(200);
    expect(none.body.totals).toMatchObject({ runs: 0, recoveryRate: null });
    expect(problemOf(await api.get('/v1/analytics/recovery?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'), 422).errors![0].path).toBe('from');
    problemOf(await request(api.app.getHttpServer()).get('/v1/analytics/recovery'), 401);
  });
});
