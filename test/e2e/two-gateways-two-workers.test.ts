import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { findFreePort } from '../../services/common/runtime/ports';
import { startService, stopService, waitUntil, type ServiceProcess } from '../support/compose-stack';
import { eventually, insertAutomation, isolatedDatabase, temporalClient } from '../support/ingestion-app';
import { buildDist, cleanEnv } from '../support/up-process';

const EVENTS = 1_000;
const REDELIVERED = 200; // also sent to the other gateway: a provider retrying elsewhere
const CONCURRENCY = 16;
const KEY = 'several-key';
const root = path.resolve(__dirname, '../..');

/*
 * Several of each: two gateways with their dispatchers on and two workers, as separate processes from dist/, on one
 * PostgreSQL database and one Temporal dev server. 1 000 `customer_created` events, split over both gateways (200
 * of them delivered to both), start one short run each. Asserted on outcomes only, whatever the dispatcher's
 * internals: every event stored once and dispatched once (outbox empty, one start with `existing: false`), one
 * workflow per subject, each run once and completed.
 */
describe('two gateways and two workers on one database and one Temporal server', () => {
  const taskQueue = `several-${randomUUID()}`;
  const services: ServiceProcess[] = [];
  const gateways: string[] = [];
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let client: Client;
  let automationId: string;

  const env = (extra: Record<string, string>) => ({
    ...cleanEnv(), NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: db.url, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
    TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue, ADMIN_API_KEYS: KEY, DAY_DURATION: '10ms', SEED_DEMO: 'false', ...extra,
  }) as Record<string, string>;

  beforeAll(async () => {
    buildDist();
    db = await isolatedDatabase();
    client = await temporalClient();
    automationId = await insertAutomation(db.dataSource, { name: 'welcome pause', trigger: { type: 'customer_created' }, steps: [{ type: 'wait', days: 1 }] });
    for (let i = 0; i < 2; i++) {
      const worker = startService(['node', 'dist/services/worker/main.js'], root, env({ TEMPORAL_METRICS_BIND: `127.0.0.1:${await findFreePort()}` }));
      services.push(worker);
    }
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      const gateway = startService(['node', 'dist/services/gateway/main.js'], root, env({ PORT: String(port), DISPATCHER_ENABLED: 'true' }));
      services.push(gateway);
      const url = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await fetch(`${url}/health/ready`)).ok, () => `gateway ${i} not ready:\n${gateway.output()}`, gateway, 120_000);
      gateways.push(url);
    }
    await waitUntil(async () => (await pollers()).size >= 2, () => `two workers are not polling ${taskQueue}:\n${services.slice(0, 2).map((s) => s.output()).join('\n')}`);
  }, 300_000);
  afterAll(async () => {
    await Promise.all(services.map(stopService));
    await client?.connection.close();
    await db?.drop();
  });

  /** The identities polling the task queue for workflow tasks. */
  async function pollers(): Promise<Set<string>> {
    const { pollers: list } = await client.workflowService.describeTaskQueue({
      namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    return new Set((list ?? []).map((p) => p.identity ?? ''));
  }

  const post = (gateway: string, event: object) => fetch(`${gateway}/v1/events`, {
    method: 'POST', headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(event),
  });

  it('stores and dispatches every event once, and runs one workflow per subject, once', async () => {
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      id: `evt_several_${i}`, type: 'customer_created', occurred_at: new Date().toISOString(), customer: { id: `cus_several_${i}`, email: `c${i}@customer.test` },
    }));
    const deliveries = [
      ...events.map((event, i) => ({ event, gateway: gateways[i % 2] })),
      ...events.slice(0, REDELIVERED).map((event, i) => ({ event, gateway: gateways[(i + 1) % 2] })),
    ];
    const answers: number[] = [];
    for (let next = 0; next < deliveries.length; next += CONCURRENCY) {
      const batch = deliveries.slice(next, next + CONCURRENCY);
      answers.push(...(await Promise.all(batch.map(async ({ event, gateway }) => (await post(gateway, event)).status))));
    }
    expect(answers.filter((s) => s === 202)).toHaveLength(EVENTS);
    expect(answers.filter((s) => s === 200)).toHaveLength(REDELIVERED); // acknowledged duplicates, wherever they land

    await eventually(async () => {
      const [{ left }] = await db.dataSource.query(`SELECT count(*)::int AS left FROM outbox`);
      return left === 0;
    }, 300_000);
    const rows: { status: string; outcome: { started: { workflowId: string; existing: boolean }[] } }[] =
      await db.dataSource.query(`SELECT status, outcome FROM events WHERE provider = 'generic'`);
    expect(rows).toHaveLength(EVENTS);
    expect(rows.filter((r) => r.status !== 'dispatched')).toEqual([]);
    const starts = rows.flatMap((r) => r.outcome.started);
    expect(starts.filter((s) => !s.existing)).toHaveLength(EVENTS); // each event started its run, none found one started
    expect(new Set(starts.map((s) => s.workflowId)).size).toBe(EVENTS);

    await eventually(async () => {
      const [{ completed }] = await db.dataSource.query(`SELECT count(*)::int AS completed FROM runs WHERE status = 'completed'`);
      return completed === EVENTS;
    }, 300_000);
    const [{ runs, subjects }] = await db.dataSource.query(`SELECT count(*)::int AS runs, count(DISTINCT subject_id)::int AS subjects FROM runs`);
    expect({ runs, subjects }).toEqual({ runs: EVENTS, subjects: EVENTS });

    // Temporal's own count: one execution per workflow id (a second one of any id would make it exceed 1 000).
    const query = `AutomationId="${automationId}"`;
    await eventually(async () => (await client.workflow.count(`${query} AND ExecutionStatus="Completed"`)).count === EVENTS, 60_000);
    expect((await client.workflow.count(query)).count).toBe(EVENTS);
  }, 900_000);
});
