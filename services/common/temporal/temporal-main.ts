import * as path from 'node:path';
import { loadConfig } from '../config/app.config';
import { runMain } from '../runtime/run-main';
import { reportReady } from '../runtime/supervision';
import { startTemporalDevServer } from './dev-server';

/**
 * Runs the Temporal dev server (a Go binary) under a Node process of its own, so that `up` supervises it like its
 * other children: it reports `{ address, uiUrl }` when it listens and stops the server on SIGTERM/SIGINT/SIGHUP
 * and when `up` goes away however it died (see supervision.ts) — a binary cannot watch its parent itself.
 */
runMain('temporal', async () => {
  const config = loadConfig();
  let stopping = false;
  const dbFile = path.join(config.dataDir, 'temporal', 'temporal.db');
  const temporal = await startTemporalDevServer({
    port: config.temporal.devPort,
    uiPort: config.temporal.uiPort,
    namespace: config.temporal.namespace,
    dbFile,
    // Errors reach stderr; the rest goes to up's log. While it stops, the dev server warns about every poller
    // losing its connection: that noise is dropped.
    onLog: (line) => {
      if (/"level":"(ERROR|FATAL|DPANIC|PANIC)"/.test(line)) process.stderr.write(`temporal server: ${line}\n`);
      else if (!stopping) process.stdout.write(`${line}\n`);
    },
  });
  reportReady({ detail: `dev server at ${temporal.address}, Web UI at ${temporal.uiUrl}, data in ${dbFile}`, address: temporal.address, uiUrl: temporal.uiUrl, pids: { 'temporal-server': temporal.pid } });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void temporal.stop().then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
});
