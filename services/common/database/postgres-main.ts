import * as path from 'node:path';
import { loadConfig } from '../config/app.config';
import { runMain } from '../runtime/run-main';
import { reportReady } from '../runtime/supervision';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs the embedded PostgreSQL as its own process so that `up` can stop it last, after the worker has drained.
 * Reports `{ url }` to `up` once it accepts connections; stops the server on SIGTERM/SIGINT/SIGHUP, and when
 * `up` goes away (see supervision.ts).
 */
runMain('postgres', async () => {
  const config = loadConfig();
  const dataDir = path.join(config.dataDir, 'postgres');
  const notices: string[] = [];
  const pg = await startEmbeddedPostgres({
    dataDir,
    onLog: (line) => {
      if (/FATAL|PANIC/.test(line)) process.stderr.write(`postgres: ${line}\n`);
    },
    onNotice: (line) => notices.push(line),
  });
  const masked = pg.url.replace(/:[^:@/]+@/, ':***@');
  reportReady({ detail: `embedded PostgreSQL at ${masked}, data in ${dataDir}`, url: pg.url, notices, pids: { 'postgres-server': pg.pid } });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void pg.stop().then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
});
