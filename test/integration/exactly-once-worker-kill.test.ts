import type { Client } from '@temporalio/client';
import type { QueryRunner } from 'typeorm';
import type { AutomationDefinition } from '../../domain/automation';
import type { RunState } from '../../domain/run';
import { stateQuery } from '../../workflows/messages';
import { body, recipe3, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { eventually, temporalClient } from '../support/ingestion-app';
import { endedRun, runOf, sandboxClient, startWorkerProcess, workerEnv, type WorkerProcess } from '../support/recipes-world';
import { buildDist } from '../support/up-process';

jest.setTimeout(240_000);

/** Advisory lock key the test holds while the worker tries to mark the email sent. */
const HOLD = 424_242;

/*
 * "The worker dies in the middle of an email step; restarted, it sends one email." The gateway runs here; the
 * worker is the compiled `dist/services/worker/main.js` in a child process, killed with SIGKILL (no drain, no
 * shutdown hook). To kill it at a known point inside the step, a trigger on the suite's own `emails` table makes
 * the worker's "mark sent" UPDATE wait for an advisory lock the test holds: by then the mailer has committed the
 * outbox row (pending), locked it and handed it to the provider, and the transaction recording the send is open.
 * The test kills the worker there, lets go, and starts a new worker. Temporal retries the activity once its
 * 1-minute start-to-close timeout has passed (the production setting, so this test takes about a minute).
 */
describe('exactly once: the worker is killed in the middle of an email step', () => {
  let api: AdminApp;
  let client: Client;
  let holder: QueryRunner;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    buildDist();
    api = await startAdminApp({ DAY_DURATION: '1s' });
    client = await temporalClient();
    await api.db.dataSource.query(`
      CREATE FUNCTION test_hold_email_sent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'sent' AND OLD.status <> 'sent' THEN PERFORM pg_advisory_xact_lock(${HOLD}); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_hold_email_sent BEFORE UPDATE ON emails FOR EACH ROW EXECUTE FUNCTION test_hold_email_sent();`);
    holder = api.db.dataSource.createQueryRunner();
    await holder.connect();
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await holder?.release();
    await client?.connection.close();
    await api?.close();
  });

  it('sends the cancellation confirmation once', async () => {
    const sandbox = sandboxClient(api);
    const pro = await sandbox.product('Pro');
    const price = await sandbox.price(pro.id, 4_900, 'month');
    const def: AutomationDefinition = { ...recipe3, filters: { type: 'product', in: [pro.id] } };
    const automation = (await api.post('/v1/automations', body(def)).expect(201)).body;

    await holder.query('SELECT pg_advisory_lock($1)', [HOLD]);
    const first = await startWorkerProcess(workerEnv(api));
    workers.push(first);
    const customer = await sandbox.customer({ email: 'grace@customer.test', name: 'Grace Hopper' });
    await sandbox.card(customer.id, {});
    const subscription = await sandbox.subscription(customer.id, price.id);
    await sandbox.cancelSubscription(subscription.id);
    const run = await runOf(api, `subscriptionId=${subscription.id}`);
    expect(run.id).toBe(`run:${automation.id}:subscription:${subscription.id}`);

    // The worker is inside sendCustomerEmail: the row is stored, the provider was called, "sent" waits on the lock.
    await eventually(async () => {
      const [{ waiting }] = await api.db.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [HOLD]);
      return waiting === 1;
    }, 60_000);
    const pending = await client.workflow.getHandle(run.id).describe();
    expect(pending.raw.pendingActivities?.map((a) => [a.activityType?.name, a.attempt])).toEqual([['sendCustomerEmail', 1]]);
    expect(await emailRows(run.id)).toMatchObject([{ status: 'sending', sent_at: null }]);

    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull(); // killed by the signal, not exited
    // PostgreSQL only notices a dead client when it next talks to it: end the dead worker's waiting session as
    // the server would, so its UPDATE never runs (released, it would still commit on its own).
    await api.db.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE "emails"%'`);
    await holder.query('SELECT pg_advisory_unlock($1)', [HOLD]);
    await api.db.dataSource.query('DROP TRIGGER test_hold_email_sent ON emails');
    // The dead worker's UPDATE never commits: the row is still claimed, the email not recorded sent.
    await eventually(async () => {
      const [{ waiting }] = await api.db.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE "emails"%'`);
      return waiting === 0;
    });
    expect(await emailRows(run.id)).toMatchObject([{ status: 'sending' }]);

    const second = await startWorkerProcess(workerEnv(api));
    workers.push(second);
    const ended = await endedRun(api, run.id, 150_000);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'all_steps_done' });

    // One email, sent once, by the retried attempt of the same step.
    const rows = await emailRows(run.id);
    expect(rows).toMatchObject([{ status: 'sent', template: 'cancellation_confirmation', to: ['grace@customer.test'], sent_at: expect.any(Date) }]);
    const { body: emails } = await api.get(`/v1/emails?runId=${encodeURIComponent(run.id)}`).expect(200);
    expect(emails.data).toHaveLength(1);
    expect(emails.data[0].text).toContain('Hi Grace Hopper,');
    const history = await client.workflow.getHandle(run.id).fetchHistory();
    const emailTask = history.events!.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendCustomerEmail')!;
    const started = history.events!.filter((e) => e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === emailTask.eventId?.toString());
    expect(started.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([2]);
    const state: RunState = await client.workflow.getHandle(run.id).query(stateQuery);
    expect(state.emails).toMatchObject([{ stepIndex: 0, template: 'cancellation_confirmation', to: ['grace@customer.test'] }]);
    expect(ended.steps).toMatchObject([{ type: 'send_customer_email', detail: { email: { messageId: rows[0].id } } }]);
  });

  function emailRows(runId: string): Promise<{ id: string; status: string; template: string; to: string[]; sent_at: Date | null }[]> {
    return api.db.dataSource.query('SELECT id, status, template, to_addresses AS "to", sent_at FROM emails WHERE run_id = $1', [runId]);
  }
});
