import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createRetentionActivities } from '../../activities/retention.activities';
import { parseBudgetRules } from '../../domain/card-network/card-budgets';
import { parseEnv } from '../../services/common/config/app.config';
import { PostgresRetention } from '../../services/worker/adapters/postgres-retention';
import { ensureRetentionSchedule, retentionScheduleId } from '../../services/worker/retention-schedule';
import { startWorker } from '../../testkit/time-skipping';
import { eventually, isolatedDatabase, temporalClient } from '../support/ingestion-app';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/*
 * RETENTION_DAYS=31 with a 60-day budget for other card brands: data older than 31 days goes, card attempts only
 * past the 60-day window (plus a day), and nothing a running run still needs. The worker's schedule starts the prune
 * workflow on the real Temporal dev server; batches of 2 rows show it prunes in bounded batches.
 */
describe('retention prune (schedule → workflow → activity → PostgreSQL)', () => {
  const taskQueue = `retention-${randomUUID()}`;
  const config = parseEnv({ ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, RETENTION_DAYS: '31', CARD_BUDGET_OTHER_BRANDS: '5/60d' });
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let client: Client;
  const liveRun = `run:${randomUUID()}:invoice:in_live`;
  const endedRun = `run:${randomUUID()}:invoice:in_ended`;

  const event = async (name: string, days: number, extra: { subject?: string | null; status?: string; outbox?: boolean } = {}) => {
    const [{ id }] = await db.dataSource.query(
      `INSERT INTO events (provider, provider_event_id, type, payload, status, subject_type, subject_id, explanation, received_at)
       VALUES ('stripe', $1, 'invoice.payment_failed', $2, $3, 'invoice', $4, '{"seen": "jane@customer.test"}', $5) RETURNING id`,
      [name, JSON.stringify({ id: name, customer_email: 'jane@customer.test' }), extra.status ?? 'dispatched', extra.subject === undefined ? `in_${name}` : extra.subject, ago(days)]);
    if (extra.outbox) await db.dataSource.query('INSERT INTO outbox (event_id, created_at) VALUES ($1, $2)', [id, ago(days)]);
    return id as string;
  };
  const run = (id: string, status: string, triggerEventId: string, subject: string) => db.dataSource.query(
    `INSERT INTO runs (id, automation_id, automation_version, subject_type, subject_id, invoice_id, customer_id, status, trigger_event_id, started_at, ended_at)
     VALUES ($1, gen_random_uuid(), 1, 'invoice', $2, $2, 'cus_1', $3, $4, $5, $6)`,
    [id, subject, status, triggerEventId, ago(120), status === 'running' ? null : ago(90)]);
  const email = (key: string, runId: string, days: number) => db.dataSource.query(
    `INSERT INTO emails (idempotency_key, run_id, template, to_addresses, from_address, subject, html, text, provider, status, created_at)
     VALUES ($1, $2, 'payment_failed', '{jane@customer.test}', 'billing@example.com', 'Payment failed', '<p>Hi Jane</p>', 'Hi Jane', 'outbox', 'sent', $3)`,
    [key, runId, ago(days)]);
  const attempt = (key: string, fingerprint: string, days: number, extra: { runId?: string; block?: boolean } = {}) => db.dataSource.query(
    `INSERT INTO card_attempts (fingerprint, brand, attempted_at, created_at, idempotency_key, run_id, outcome, decline_class)
     VALUES ($1, 'discover', $2, $2, $3, $4, 'failed', $5)`, [fingerprint, ago(days), key, extra.runId ?? null, extra.block ? 'never_on_this_card' : null]);

  beforeAll(async () => {
    db = await isolatedDatabase();
    client = await temporalClient();
    worker = await startWorker(taskQueue, createRetentionActivities({
      store: new PostgresRetention(db.dataSource), retentionDays: config.deploy.retentionDays,
      otherBrandBudgets: parseBudgetRules('5/60d')!, batchSize: 2,
    }));
    const liveTrigger = await event('evt_live_trigger', 120, { subject: 'in_live' });
    await event('evt_live_subject', 100, { subject: 'in_live' });
    const endedTrigger = await event('evt_ended_trigger', 120, { subject: 'in_ended' });
    for (const name of ['evt_old_1', 'evt_old_2', 'evt_old_3']) await event(name, 100);
    await event('evt_45_days', 45);
    await event('evt_no_subject', 100, { subject: null });
    await event('evt_recent', 10);
    await event('evt_never_dispatched', 100, { status: 'received', outbox: true });
    await event('evt_waiting', 10, { status: 'received', outbox: true });
    await run(liveRun, 'running', liveTrigger, 'in_live');
    await run(endedRun, 'completed', endedTrigger, 'in_ended');
    await email('mail_ended_old', endedRun, 100);
    await email('mail_live_old', liveRun, 100);
    await email('mail_recent', endedRun, 10);
    await attempt('ca_100', 'fp_a', 100);
    await attempt('ca_45', 'fp_a', 45);
    await attempt('ca_10', 'fp_a', 10);
    await attempt('ca_live_100', 'fp_live', 100, { runId: liveRun });
    await attempt('ca_block_300', 'fp_blocked', 300, { block: true });
    await attempt('ca_block_200', 'fp_blocked', 200, { block: true });
  });
  afterAll(async () => {
    await client?.schedule.getHandle(retentionScheduleId(taskQueue)).delete().catch(() => undefined);
    await worker?.stop();
    await client?.connection.close();
    await db?.drop();
  });

  it('is created by the first call (every worker makes it at start), and found by the next', async () => {
    await expect(ensureRetentionSchedule(config)).resolves.toBe('created');
    await expect(ensureRetentionSchedule(config)).resolves.toBe('exists');
    const schedule = await client.schedule.getHandle(retentionScheduleId(taskQueue)).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'pruneRetention', taskQueue });
    expect(schedule.spec.intervals).toMatchObject([{ every: DAY }]);
  });

  it('prunes what is past the retention, in bounded batches, and keeps what runs and card budgets need', async () => {
    const schedule = client.schedule.getHandle(retentionScheduleId(taskQueue));
    await schedule.trigger();
    const started = await eventually(async () => (await schedule.describe()).info.recentActions[0]?.action);
    const result = await client.workflow.getHandle(started.workflow.workflowId, started.workflow.firstExecutionRunId).result();
    expect(result).toMatchObject({ eventPayloads: 7, emailBodies: 1, outboxRows: 1, cardAttempts: 2 });
    expect(result.batches).toBeGreaterThan(3); // 7 payloads at 2 per batch

    const events = Object.fromEntries((await db.dataSource.query('SELECT provider_event_id, payload, explanation, status FROM events'))
      .map((e: { provider_event_id: string }) => [e.provider_event_id, e]));
    const pruned = (name: string) => events[name].payload.pruned === true && events[name].explanation === null;
    expect(['evt_ended_trigger', 'evt_old_1', 'evt_old_2', 'evt_old_3', 'evt_45_days', 'evt_no_subject', 'evt_never_dispatched'].filter(pruned)).toHaveLength(7);
    expect(['evt_live_trigger', 'evt_live_subject', 'evt_recent', 'evt_waiting'].filter(pruned)).toEqual([]);
    expect(events.evt_live_subject.payload.customer_email).toBe('jane@customer.test');
    expect(events.evt_never_dispatched.status).toBe('failed'); // expired, never dispatched late
    expect(await db.dataSource.query('SELECT e.provider_event_id FROM outbox o JOIN events e ON e.id = o.event_id')).toEqual([{ provider_event_id: 'evt_waiting' }]);

    const emails = await db.dataSource.query('SELECT idempotency_key, html, text, to_addresses FROM emails ORDER BY idempotency_key');
    expect(emails.map((m: { idempotency_key: string; html: string }) => [m.idempotency_key, m.html])).toEqual([
      ['mail_ended_old', ''], ['mail_live_old', '<p>Hi Jane</p>'], ['mail_recent', '<p>Hi Jane</p>'],
    ]);
    const attempts = await db.dataSource.query('SELECT idempotency_key FROM card_attempts ORDER BY idempotency_key');
    // 45 days is past RETENTION_DAYS but inside the 60-day budget window: it still counts, so it stays.
    expect(attempts.map((a: { idempotency_key: string }) => a.idempotency_key)).toEqual(['ca_10', 'ca_45', 'ca_block_200', 'ca_live_100']);
  });

  it('finds nothing more on a second prune (idempotent)', async () => {
    const handle = await client.workflow.start('pruneRetention', { taskQueue, workflowId: `retention-again-${randomUUID()}`, args: [] });
    await expect(handle.result()).resolves.toMatchObject({ eventPayloads: 0, emailBodies: 0, outboxRows: 0, cardAttempts: 0, batches: 1 });
  });
});
