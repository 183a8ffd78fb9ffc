import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { runWorkflowId } from '../domain/triggers';
import type { AutomationRunInput } from '../domain/run';
import { paymentFailed, recipe1, version } from '../testkit/automation-fixtures';
import type { BenchConfig } from './config';
import type { RunningServer } from './gateway';
import type { BenchInfra } from './infra';
import { boundedLoop, perSecond, pollUntil } from './loop';
import { cpuMeter } from './process-cpu';
import { post, signedPaymentFailed } from './stripe-webhooks';
import { fmt, type Row } from './table';

const WARM_UP = 100;

interface Progress {
  total: number;
  done: number;
  started: number;
  lastMs: number | null;
}

/** Events received since `since` (DB clock): how many left `received`, how many started a run, the last dispatch. */
async function progress(db: PgClient, since: Date): Promise<Progress> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status <> 'received')::int AS done,
            count(*) FILTER (WHERE jsonb_array_length(COALESCE(outcome->'started', '[]'::jsonb)) > 0)::int AS started,
            extract(epoch FROM max(dispatched_at)) * 1000 AS last
       FROM events WHERE received_at >= $1`, [since]);
  return { total: rows[0].total, done: rows[0].done, started: rows[0].started, lastMs: rows[0].last === null ? null : Number(rows[0].last) };
}

/** Recipe 1 as an enabled automation at version 1 (what the automations API stores). */
export async function insertRecipe1(db: PgClient): Promise<string> {
  const { rows } = await db.query(`INSERT INTO automations (name, trigger, priority) VALUES ($1, $2, 1) RETURNING id`, [recipe1.name, recipe1.trigger.type]);
  await db.query(`INSERT INTO automation_versions (automation_id, version, definition) VALUES ($1, 1, $2)`, [rows[0].id, JSON.stringify(recipe1)]);
  return rows[0].id;
}

/** The bare baseline: `client.workflow.start` of automationRun with a recipe-1 input, same concurrency, same server. */
async function bareStarts(infra: BenchInfra, config: BenchConfig): Promise<{ perSec: number; ok: number; failed: number; firstError?: string }> {
  const connection = await Connection.connect({ address: infra.temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const automation = version(recipe1, 'auto_bare');
    const start = (i: number) => {
      const id = `in_bare_${i}`;
      const input: AutomationRunInput = { automation, subject: { type: 'invoice', id }, event: paymentFailed(Date.now(), 'year', 'insufficient_funds', { id }), dayMs: 86_400_000 };
      return client.workflow.start('automationRun', { taskQueue: 'bench-bare', workflowId: runWorkflowId('auto_bare', input.subject), args: [input] }).then(() => undefined);
    };
    await boundedLoop({ count: WARM_UP, maxMs: 10_000, concurrency: config.concurrency }, (i) => start(1_000_000 + i));
    const r = await boundedLoop({ count: config.ingestEvents, maxMs: config.ingestMaxMs, concurrency: config.concurrency }, start);
    return { perSec: perSecond(r), ok: r.ok, failed: r.failed, firstError: r.firstError };
  } finally {
    await connection.close();
  }
}

/**
 * 1. Ingest throughput: signed webhooks accepted per second by the real gateway, and events per second
 * dispatched end to end (accepted → run started), beside a bare `client.workflow.start` loop.
 */
export async function measureIngest(infra: BenchInfra, gateways: readonly RunningServer[], secret: string, config: BenchConfig, log: (line: string) => void): Promise<Row[]> {
  const db = new PgClient({ connectionString: infra.databaseUrl });
  await db.connect();
  try {
    await insertRecipe1(db);
    const urls = gateways.map((g) => `${g.url}/webhooks/stripe`);
    const send = (i: number) => post(urls[i % urls.length], signedPaymentFailed(secret));
    // Warm-up (JIT, connection pools), drained before the measured loop starts.
    const warmSince: Date = (await db.query('SELECT now() AS now')).rows[0].now;
    await boundedLoop({ count: WARM_UP, maxMs: 20_000, concurrency: config.concurrency }, send);
    await pollUntil(async () => { const p = await progress(db, warmSince); return p.done >= p.total; }, 30_000);

    const since: Date = (await db.query('SELECT now() AS now')).rows[0].now;
    // Each gateway and dispatcher (numbered when there are several), PostgreSQL with its backends, Temporal.
    const pids: Record<string, number> = {};
    gateways.forEach((g, i) => Object.entries(g.pids ?? { gateway: g.pid }).forEach(([role, pid]) => (pids[gateways.length > 1 ? `${role} ${i + 1}` : role] = pid)));
    const cpu = cpuMeter({ ...pids, PostgreSQL: infra.pids.postgres, Temporal: infra.pids.temporal });
    const load = await boundedLoop({ count: config.ingestEvents, maxMs: config.ingestMaxMs, concurrency: config.concurrency }, send);
    log(`ingest: ${load.ok} accepted, ${load.failed} failed in ${fmt(load.elapsedMs)} ms${load.firstError ? ` (first error: ${load.firstError})` : ''}`);
    let last = await progress(db, since);
    const drained = await pollUntil(async () => { last = await progress(db, since); return last.done >= last.total; }, config.dispatchMaxMs, 250);
    const ourCpu = cpu.stop(last.done);
    const e2eSec = last.lastMs === null ? NaN : (last.lastMs - since.getTime()) / 1000;
    const { rows: [sample] } = await db.query(`SELECT status, outcome, error FROM events WHERE received_at >= $1 ORDER BY received_at DESC LIMIT 1`, [since]);
    if (last.started < last.done) log(`ingest: ${last.done - last.started} events started no run; last one: ${JSON.stringify(sample)}`);
    const e2e = last.done / e2eSec;
    const bareCpu = cpuMeter({ Temporal: infra.pids.temporal });
    const bare = await bareStarts(infra, config);
    const bareCpuNote = bareCpu.stop(bare.ok + WARM_UP);
    log(`bare workflow.start: ${bare.ok} started, ${bare.failed} failed${bare.firstError ? ` (first error: ${bare.firstError})` : ''}`);
    const baseline = fmt(bare.perSec);
    return [
      {
        name: 'ingest: signed Stripe webhooks accepted', value: fmt(perSecond(load)), baseline, unit: 'events/s', goal: { on: 'ratio', op: 'min', target: 1 },
        notes: `${load.ok} POST /webhooks/stripe, ${config.concurrency} in flight, ${load.failed} failed, dispatcher running; baseline: bare client.workflow.start loop (${bare.ok} starts, same concurrency)`,
      },
      {
        name: 'ingest end to end: accepted → run started', value: fmt(e2e), baseline, unit: 'events/s', goal: { on: 'ratio', op: 'min', target: 0.9 },
        notes: `${last.done}/${last.total} dispatched${drained ? '' : ` (not drained within ${config.dispatchMaxMs} ms)`}, ${last.started} runs started, in ${fmt(e2eSec, 1)} s from the first POST (${gateways.length} gateway${gateways.length > 1 ? 's' : ''} with dispatcher)${ourCpu ? `; ${ourCpu}` : ''}${bareCpuNote ? `; bare loop ${bareCpuNote}` : ''}`,
      },
    ];
  } finally {
    await db.end();
  }
}
