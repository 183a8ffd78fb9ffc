import * as path from 'node:path';
import { loadConfig } from '../config/app.config';
import { runMain } from '../runtime/run-main';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs the embedded PostgreSQL as its own process so that `up` can stop it last, after the worker has drained.
 * Prints one JSON line `{"url": …}` on stdout once it accepts connections; stops on SIGTERM/SIGINT.
 */
runMain('postgres', async () => {
  const config = loadConfig();
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    onLog: (line) => {
      if (/FATAL|PANIC|ERROR/.test(line)) process.stderr.write(`postgres: ${line}\n`);
    },
  });
  process.stdout.write(`${JSON.stringify({ url: pg.url })}\n`);
  const stop = () => void pg.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
