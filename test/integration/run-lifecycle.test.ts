import * as net from 'node:net';
import type { Client } from '@temporalio/client';
import { createRecordActivities } from '../../activities/records.activities';
import { HttpWebhookEmitter } from '../../services/worker/adapters/http-webhook-emitter';
import { inMemoryDeps } from '../support/in-memory-ports';
import type { Activities } from '../../activities';
import type { Step } from '../../domain/automation';
import { toActivityError } from '../../activities/errors';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { PostgresRunRecorder } from '../../services/worker/adapters/postgres-run-recorder';
import { RunReconciler } from '../../services/gateway/runs/run-reconciler.service';
import { defaultActivities, success } from '../../testkit/fake-activities';
import { startWorker } from '../../testkit/time-skipping';
import { body, paymentFailedEvent, recipe1, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { eventually, temporalClient } from '../support/ingestion-app';

jest.setTimeout(120_000);

/** The configured bound of outgoing webhook retries (RETRY_BOUND_WEBHOOK): short, so the test sees the step fail. */
const WEBHOOK_BOUND_S = 20;

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/*
 * The run lifecycle on the real dev server and PostgreSQL, through the real gateway (events API, dispatcher, admin
 * REST and GraphQL): the worker runs the real workflows with the real projection recorder; the billing provider
 * is replaced at its boundary by one whose key can be "wrong" (an authentication failure) and then fixed, and the
 * webhook receiver is dead.
 */
describe('run lifecycle end to end', () => {
  let api: AdminApp;
  let client: Client;
  let worker: { stop(): Promise<void> };
  const billing = { keyWrong: true };
  let canceledRunId = '';
  let deadHost = '';

  beforeAll(async () => {
    deadHost = `127.0.0.1:${await closedPort()}`;
    api = await startAdminApp({ DAY_DURATION: '100ms', RETRY_BOUND_WEBHOOK: `${WEBHOOK_BOUND_S}s`, OUTBOUND_ALLOWED_HOSTS: deadHost });
    client = await temporalClient();
    const recorder = new PostgresRunRecorder(api.db.dataSource);
    const activities: Activities = {
      ...defaultActivities,
      recordRun: (r) => recorder.record(r),
      chargeInvoice: async () => {
        if (billing.keyWrong) throw toActivityError(new BillingProviderError('Invalid API Key provided', BillingErrorType.Auth, false), 'Charging invoice');
        return success;
      },
      // The real emitter, against a port nothing listens on: every delivery is refused and retried.
      emitWebhook: createRecordActivities({ records: recorder, derivedEvents: inMemoryDeps().derivedEvents, webhooks: new HttpWebhookEmitter({ secret: 'lifecycle-test-secret', allowedHosts: [deadHost] }) }).emitWebhook,
    };
    worker = await startWorker(api.taskQueue, activities);
  });
  afterAll(async () => {
    await worker?.stop();
    await client?.connection.close();
    await api?.close();
  });

  const run = async (id: string) => (await api.get(`/v1/runs/${encodeURIComponent(id)}`).expect(200)).body;
  const runStatus = (id: string, status: string, timeoutMs?: number) => eventually(async () => {
    const r = await run(id);
    return r.status === status && r;
  }, timeoutMs);
  const temporalStatus = (id: string, name: string, timeoutMs?: number) =>
    eventually(async () => (await client.workflow.getHandle(id).describe()).status.name === name, timeoutMs);
  const sendEvent = async (invoiceId: string) => (await api.post('/v1/events', paymentFailedEvent({ invoiceId })).expect(202)).body;
  const runOfInvoice = (invoiceId: string, n: number) => eventually(async () => {
    const { body: page } = await api.get(`/v1/runs?invoiceId=${invoiceId}`).expect(200);
    return page.data.length >= n && page.data;
  });

  it('a run that cannot act ends failed everywhere; once fixed, restart and a new event each start a new linked run; then the automation can be deleted', async () => {
    const steps: Step[] = [{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }];
    const { body: a } = await api.post('/v1/automations', body({ ...recipe1, filters: undefined, steps })).expect(201);

    // 1. A wrong key: the charge is refused for good, the run ends failed.
    await sendEvent('in_auth');
    const [first] = await runOfInvoice('in_auth', 1);
    const failed = await runStatus(first.id, 'failed');
    expect(failed.outcome).toContain('Invalid API Key');
    expect(failed.finalState.attempts[0]).toMatchObject({ source: 'trigger', declineCode: 'insufficient_funds' });
    await temporalStatus(first.id, 'FAILED'); // the run records its end, then its workflow fails
    const gql = await api.gql('query($id: ID!) { run(id: $id) { status outcome } }', { id: first.id });
    expect(gql.data.run).toMatchObject({ status: 'failed' });
    const analytics = (await api.get(`/v1/analytics/recovery?automationId=${a.id}`).expect(200)).body;
    expect(analytics.totals).toMatchObject({ runs: 1, running: 0, recovered: 0 });

    // 2. The key fixed: an operator restarts the run; the new run follows it and recovers the invoice.
    billing.keyWrong = false;
    const restarted = (await api.post(`/v1/runs/${encodeURIComponent(first.id)}/restart`, { version: 'current' }).expect(201)).body;
    expect(restarted).toMatchObject({ id: `${first.id}:2`, previousRunId: first.id, invoiceId: 'in_auth' });
    await runStatus(restarted.id, 'recovered');
    expect((await run(first.id)).nextRunIds).toEqual([restarted.id]);
    expect((await api.post(`/v1/runs/${encodeURIComponent(first.id)}/restart`, {})).status).toBe(409); // followed already

    // 3. Another invoice fails the same way; a new triggering event for it (not a restart) starts the next run.
    billing.keyWrong = true;
    await sendEvent('in_auth_2');
    const [second] = await runOfInvoice('in_auth_2', 1);
    await runStatus(second.id, 'failed');
    billing.keyWrong = false;
    await sendEvent('in_auth_2');
    const runs = await runOfInvoice('in_auth_2', 2);
    const next = runs.find((r: { id: string }) => r.id !== second.id);
    expect(next).toMatchObject({ id: `${second.id}:2`, previousRunId: second.id });
    await runStatus(next.id, 'recovered');
    const gqlRestart = await api.gql('mutation($id: ID!) { restartRun(id: $id) { id } }', { id: next.id });
    expect(gqlRestart.errors?.[0]?.extensions).toMatchObject({ status: 409 }); // a recovered run is not restarted

    // 4. Every run has ended: the automation can be deleted.
    await api.del(`/v1/automations/${a.id}`).expect(200);
  });

  it('cancel of a run stuck in a retrying webhook ends it canceled within seconds, in the API and in Temporal', async () => {
    const steps: Step[] = [{ type: 'emit_webhook', url: `http://${deadHost}/hook` }, { type: 'retry_payment', policy: { type: 'custom', days: [1] } }];
    await api.post('/v1/automations', body({ ...recipe1, name: 'Dead webhook', filters: undefined, steps })).expect(201);
    await sendEvent('in_dead_hook');
    const [stuck] = await runOfInvoice('in_dead_hook', 1);
    canceledRunId = stuck.id;
    await eventually(async () => (await run(stuck.id)).live?.step === 'emit_webhook');
    await api.post(`/v1/runs/${encodeURIComponent(stuck.id)}/cancel`, { reason: 'operator' }).expect(202);
    const canceled = await runStatus(stuck.id, 'canceled', 10_000);
    expect(canceled).toMatchObject({ outcome: 'operator', currentStep: 0 });
    await temporalStatus(stuck.id, 'CANCELLED', 10_000);

    // A canceled run can be restarted too, here through GraphQL.
    const gql = await api.gql('mutation($id: ID!) { restartRun(id: $id, input: { version: "same" }) { id previousRunId status } }', { id: stuck.id });
    expect(gql.data?.restartRun).toEqual({ id: `${stuck.id}:2`, previousRunId: stuck.id, status: 'running' });
  });

  it('a webhook step to a dead endpoint fails once the configured bound is used up, and the run goes on to charge', async () => {
    billing.keyWrong = false;
    await sendEvent('in_dead_hook_2'); // the dead-webhook automation of the test before matches
    const [r] = await runOfInvoice('in_dead_hook_2', 1);
    const ended = await runStatus(r.id, 'recovered', (WEBHOOK_BOUND_S + 30) * 1_000).catch(async (e) => {
      throw new Error(`${e}: ${JSON.stringify(await run(r.id))}`);
    });
    expect(ended.finalState.notes).toEqual([expect.objectContaining({ kind: 'failed', stepIndex: 0, step: 'emit_webhook', failureType: 'StepRetriesExhausted', onFailure: 'continue' })]);
    expect(ended.finalState.notes[0].message).toContain('unreachable');
    expect(ended.steps.find((s: { stepIndex: number; attempt: number }) => s.stepIndex === 0 && s.attempt === 0)).toMatchObject({ status: 'failed', detail: { failure: { failureType: 'StepRetriesExhausted' } } });
  });

  it('the reconciler records the end of a run whose workflow closed without recording it', async () => {
    const id = canceledRunId; // canceled in Temporal by the test before
    // As if the outcome had never been recorded: the row says running although the workflow has closed.
    await api.db.dataSource.query(`UPDATE runs SET status = 'running', outcome = NULL, ended_at = NULL WHERE id = $1`, [id]);
    expect((await run(id)).status).toBe('running');
    const reconciler = api.app.get(RunReconciler);
    expect(await reconciler.reconcileOnce(Date.now())).toEqual([]); // within the grace period: left alone
    expect(await reconciler.reconcileOnce(Date.now() + 120_000)).toContain(id);
    expect(await run(id)).toMatchObject({ status: 'canceled', outcome: 'workflow canceled' });
    expect(await reconciler.reconcileOnce(Date.now() + 120_000)).not.toContain(id);
  });
});
