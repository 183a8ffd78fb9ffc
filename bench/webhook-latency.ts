import type { BenchConfig } from './config';
import { startServer, type RunningServer } from './gateway';
import { boundedLoop, percentile, type LoopResult } from './loop';
import { post, signedPaymentFailed } from './stripe-webhooks';
import { fmt, type Row } from './table';

const WARM_UP = 100;

/** One request at a time (latency without queueing), after a warm-up: the same client loop for both servers. */
async function sequentialLoop(url: string, secret: string, config: BenchConfig): Promise<LoopResult> {
  const send = () => post(url, signedPaymentFailed(secret));
  await boundedLoop({ count: WARM_UP, maxMs: 10_000, concurrency: 1 }, send);
  return boundedLoop({ count: config.latencyRequests, maxMs: config.latencyMaxMs, concurrency: 1 }, send);
}

/** 2. Webhook latency p50/p99 of the real gateway vs a bare NestJS endpoint (its own process, same loop). */
export async function measureLatency(gateway: RunningServer, secret: string, config: BenchConfig): Promise<Row[]> {
  const real = await sequentialLoop(`${gateway.url}/webhooks/stripe`, secret, config);
  const bareServer = await startServer('bare-nest-server.js', {});
  let bare: LoopResult;
  try {
    bare = await sequentialLoop(`${bareServer.url}/webhooks/stripe`, secret, config);
  } finally {
    await bareServer.stop();
  }
  const notes = (what: string) =>
    `${what}; ${real.ok} vs ${bare.ok} sequential signed POSTs (${real.failed}/${bare.failed} failed), client in the bench process; baseline: bare Nest POST route`;
  return [
    { name: 'webhook latency p50', value: fmt(percentile(real.latenciesMs, 50), 2), baseline: fmt(percentile(bare.latenciesMs, 50), 2), unit: 'ms', goal: { on: 'ratio', op: 'max', target: 2 }, notes: notes('verify + validate + tx{event, outbox}') },
    { name: 'webhook latency p99', value: fmt(percentile(real.latenciesMs, 99), 2), baseline: fmt(percentile(bare.latenciesMs, 99), 2), unit: 'ms', goal: { on: 'ratio', op: 'max', target: 1.5 }, notes: notes('dispatcher draining meanwhile') },
  ];
}
