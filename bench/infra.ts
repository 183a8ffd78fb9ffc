import * as fs from 'node:fs';
import * as path from 'node:path';
import { reachableTempDir, startEmbeddedPostgres, type LocalPostgres } from '../services/common/database/embedded-postgres';
import { runMigrations } from '../services/common/database/run-migrations';
import { findFreePort } from '../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../services/common/temporal/dev-server';

/** The servers the bench starts for itself: an ephemeral PostgreSQL and an in-memory Temporal dev server. */
export interface BenchInfra {
  databaseUrl: string;
  temporalAddress: string;
  /** The PostgreSQL postmaster's and the Temporal server's process ids (the CPU they use is reported). */
  pids: { postgres: number; temporal: number };
  stop(): Promise<void>;
}

/** Starts both in parallel (as the tests' global setup does); stop() stops what started, even after a failure. */
export async function startInfra(log: (line: string) => void): Promise<BenchInfra> {
  const dir = reachableTempDir('dunning-bench-');
  let postgres: LocalPostgres | undefined;
  let temporal: LocalTemporal | undefined;
  const stop = async () => {
    await Promise.allSettled([temporal?.stop(), postgres?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = Date.now();
    const [pg, tp] = await Promise.allSettled([
      startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), ephemeral: true, database: 'dunning_bench' }),
      findFreePort().then((port) => startTemporalDevServer({ port, namespace: 'default', headless: true })),
    ]);
    if (pg.status === 'fulfilled') postgres = pg.value;
    if (tp.status === 'fulfilled') temporal = tp.value;
    if (pg.status === 'rejected') throw pg.reason;
    if (tp.status === 'rejected') throw tp.reason;
    await runMigrations(postgres!.url);
    log(`infrastructure up in ${Date.now() - started} ms: PostgreSQL ${postgres!.url.replace(/\/\/[^@]*@/, '//')}, Temporal ${temporal!.address}`);
    return { databaseUrl: postgres!.url, temporalAddress: temporal!.address, pids: { postgres: postgres!.pid, temporal: temporal!.pid }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
