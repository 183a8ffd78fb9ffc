import 'reflect-metadata';
import * as os from 'node:os';
import { stopAllChildren } from './child';
import { benchConfig } from './config';
import { measureBacktest } from './backtest';
import { dunningWallTimeRows } from './dunning-wall-time';
import { startGateway } from './gateway';
import { historyEventsRows } from './history-events';
import { measureIngest } from './ingest-throughput';
import { startInfra, type BenchInfra } from './infra';
import { measureMatching } from './matching-cost';
import { newWebhookSecret } from './stripe-webhooks';
import { failedRow, goalSummary, renderTable, type Row } from './table';
import { runTimeSkippedDunning } from './time-skipped-dunning';
import { measureAcceptLatency, measureDrainingLatency } from './webhook-latency';
import type { LoopResult } from './loop';
import { measureMemory } from './worker-memory';

/*
 * `npm run bench` (docs/benchmarks.md): starts its own PostgreSQL and Temporal dev server, measures, prints one
 * table, stops everything. Each measurement is bounded (a count and a time bound); one that fails prints an
 * `error` row and the others still run.
 */

const benchStarted = Date.now();
const log = (line: string) => process.stderr.write(`[bench +${((Date.now() - benchStarted) / 1000).toFixed(1)}s] ${line}\n`);

async function attempt(name: string, rows: Row[], fn: () => Promise<Row[]> | Row[]): Promise<void> {
  log(`${name}…`);
  try {
    rows.push(...(await fn()));
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    rows.push(failedRow(name, error));
  }
}

async function main(): Promise<void> {
  const config = benchConfig();
  const rows: Row[] = [];
  let infra: BenchInfra | undefined;
  const cleanup = async () => {
    await stopAllChildren();
    await infra?.stop();
  };
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${config.totalMaxMs} ms, stopping everything`);
    void cleanup().finally(() => process.exit(2));
  }, config.totalMaxMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping everything`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const load = os.loadavg()[0];
  const want = (name: string) => config.only.has(name);
  try {
    // Pure and time-skipped measurements first, before the dev server and PostgreSQL compete for the CPU.
    if (want('matching')) await attempt('matching cost', rows, () => measureMatching(config));
    if (want('dunning')) {
      await attempt('time-skipped dunning', rows, async () => {
        const result = await runTimeSkippedDunning(config.dunningRuns);
        return [...dunningWallTimeRows(result), ...historyEventsRows(result)];
      });
    }
    if (!['ingest', 'latency', 'memory', 'backtest'].some(want)) return finish(rows, load);
    infra = await startInfra(log);
    const live = infra;
    if (want('backtest')) await attempt('backtest', rows, () => measureBacktest(live));
    if (want('ingest') || want('latency')) {
      const secret = newWebhookSecret();
      // The accept path alone first, before any dispatcher runs.
      let bare: LoopResult | undefined;
      if (want('latency')) await attempt('webhook latency', rows, async () => { const r = await measureAcceptLatency(live, secret, config); bare = r.bare; return r.rows; });
      // BENCH_GATEWAYS gateways share one database and one Temporal (each with its dispatcher); latency uses the first.
      const gateways = await Promise.all(Array.from({ length: config.gateways }, () => startGateway(live, secret))).catch(async (error: unknown) => {
        rows.push(failedRow('gateway', error));
        await stopAllChildren();
        return undefined;
      });
      if (gateways) {
        if (want('ingest')) await attempt('ingest throughput', rows, () => measureIngest(live, gateways, secret, config, log));
        const baseline = bare;
        if (baseline) await attempt('webhook latency, dispatcher draining', rows, () => measureDrainingLatency(gateways[0], baseline, secret, config));
        await Promise.all(gateways.map((g) => g.stop()));
      }
    }
    if (want('memory')) await attempt('worker memory', rows, () => measureMemory(live, config, log));
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  finish(rows, load);
}

/** Prints the table (in the order of docs/benchmarks.md) and the machine it ran on. */
function finish(rows: Row[], loadBefore: number): void {
  const order = ['ingest', 'webhook', 'time-skipped', 'worker', 'matching', 'history', 'backtest', 'Temporal'];
  const rank = (r: Row) => { const i = order.findIndex((p) => r.name.startsWith(p)); return i < 0 ? order.length : i; };
  process.stdout.write(`${renderTable([...rows].sort((a, b) => rank(a) - rank(b)))}\n${goalSummary(rows)}\n`);
  const machine = `${os.cpus().length} CPUs, Node ${process.version}, load average ${loadBefore.toFixed(2)} before / ${os.loadavg()[0].toFixed(2)} after`;
  process.stdout.write(`${machine}; ${((Date.now() - benchStarted) / 1000).toFixed(0)} s in all\n`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
