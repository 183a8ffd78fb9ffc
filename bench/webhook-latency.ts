import { Client as PgClient } from 'pg';
import type { BenchConfig } from './config';
import { startAcceptOnlyGateway, startServer, type RunningServer } from './gateway';
import type { BenchInfra } from './infra';
import { boundedLoop, percentile, type LoopResult } from './loop';
import { post, signedPaymentFailed } from './stripe-webhooks';
import { fmt, type Row } from './table';

/** Requests before the measured ones, for each server: the gateway's code path needs a few hundred before V8 has optimized it (the first 200 after 100 were twice as slow as the rest). */
const WARM_UP = 500;

/** One request at a time (latency without queueing), after a warm-up: the same client loop for every server. */
async function sequentialLoop(url: string, secret: string, config: BenchConfig): Promise<LoopResult> {
  const send = () => post(url, signedPaymentFailed(secret));
  await boundedLoop({ count: WARM_UP, maxMs: 10_000, concurrency: 1 }, send);
  return boundedLoop({ count: config.latencyRequests, maxMs: config.latencyMaxMs, concurrency: 1 }, send);
}

/** The bare baseline: a minimal NestJS endpoint in its own process, the same loop. */
async function bareLoop(secret: string, config: BenchConfig): Promise<LoopResult> {
  const bareServer = await startServer('bare-nest-server.js', {});
  try {
    return await sequentialLoop(`${bareServer.url}/webhooks/stripe`, secret, config);
  } finally {
    await bareServer.stop();
  }
}

function latencyRows(real: LoopResult, bare: LoopResult, what: { suffix: string; notes: string; goals: boolean }): Row[] {
  const notes = `${what.notes}; ${real.ok} vs ${bare.ok} sequential signed POSTs (${real.failed}/${bare.failed} failed), client in the bench process; baseline: bare Nest POST route`;
  const row = (p: 50 | 99, target: number): Row => ({
    name: `webhook latency p${p}${what.suffix}`, value: fmt(percentile(real.latenciesMs, p), 2), baseline: fmt(percentile(bare.latenciesMs, p), 2), unit: 'ms',
    ...(what.goals && { goal: { on: 'ratio' as const, op: 'max' as const, target } }), notes,
  });
  return [row(50, 2), row(99, 1.5)];
}

/**
 * 2. Webhook latency of the accept path (verify, validate, store the event and its outbox row) against a bare
 * NestJS endpoint: the gateway alone, as the bare server is alone (the goal rows). Its events are then taken
 * out of the outbox, so no later measurement dispatches them. The bare loop is kept for `measureDrainingLatency`.
 */
export async function measureAcceptLatency(infra: BenchInfra, secret: string, config: BenchConfig): Promise<{ rows: Row[]; bare: LoopResult }> {
  const gateway = await startAcceptOnlyGateway(infra, secret);
  let real: LoopResult;
  try {
    real = await sequentialLoop(`${gateway.url}/webhooks/stripe`, secret, config);
  } finally {
    await gateway.stop();
  }
  const db = new PgClient({ connectionString: infra.databaseUrl });
  await db.connect();
  try {
    await db.query('DELETE FROM outbox');
  } finally {
    await db.end();
  }
  const bare = await bareLoop(secret, config);
  return { rows: latencyRows(real, bare, { suffix: '', notes: 'the accept path alone: verify + validate + one INSERT of event and outbox row', goals: true }), bare };
}

/**
 * The same loop against the gateway whose dispatcher drains what it accepts meanwhile (each event starts a
 * run): on a machine where the dispatcher, PostgreSQL and Temporal share the gateway's cores, printed beside
 * the accept path's rows without a goal of its own.
 */
export async function measureDrainingLatency(gateway: RunningServer, bare: LoopResult, secret: string, config: BenchConfig): Promise<Row[]> {
  const real = await sequentialLoop(`${gateway.url}/webhooks/stripe`, secret, config);
  return latencyRows(real, bare, { suffix: ', dispatcher draining', notes: 'the dispatcher starting a run for each accepted event meanwhile, on the same cores', goals: false });
}
