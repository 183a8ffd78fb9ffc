import 'reflect-metadata';
import * as path from 'node:path';
import { loadConfig } from '../common/config/app.config';
import { runMigrations } from '../common/database/run-migrations';
import { assertPortFree } from '../common/runtime/ports';
import { runMain } from '../common/runtime/run-main';
import { startTemporalDevServer, type LocalTemporal } from '../common/temporal/dev-server';
import { startNodeChild, startReportingChild, type ManagedChild } from './child-process';
import { printBanner, waitUntilReady } from './banner';
import { seedOnStart } from './seed-demo';

const say = (message: string) => process.stdout.write(`up: ${message}\n`);

/**
 * Starts the whole system: PostgreSQL (embedded unless DATABASE_URL), migrations, the Temporal dev server with
 * its Web UI (unless TEMPORAL_ADDRESS), the worker and the gateway. Ctrl-C stops them in reverse order:
 * gateway, worker (drains), then Temporal and PostgreSQL.
 */
runMain('up', async () => {
  const started = Date.now();
  const config = loadConfig();
  await assertPortFree(config.port, 'gateway HTTP', 'stop what uses it or set PORT', config.host);
  const children: ManagedChild[] = [];
  let temporal: LocalTemporal | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const child of [...children].reverse().filter((c) => c.name !== 'postgres')) await child.stop();
    await temporal?.stop();
    await children.find((c) => c.name === 'postgres')?.stop();
    say('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  process.once('exit', () => children.forEach((c) => c.process.kill('SIGKILL')));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const postgres = await startReportingChild<{ url: string }>('postgres', script('common/database/postgres-main.js'), {});
      children.push(postgres.child);
      databaseUrl = postgres.report.url;
      say(`PostgreSQL (embedded) at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}, data in ${path.join(config.dataDir, 'postgres')}`);
    }
    const applied = await runMigrations(databaseUrl);
    if (applied.length) say(`applied migrations ${applied.join(', ')}`);

    let temporalAddress = config.temporal.address;
    if (!temporalAddress) {
      temporal = await startTemporalDevServer({
        port: config.temporal.devPort,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
        // The dev server logs warnings while it stops (pollers losing their connection): only errors are shown.
        onLog: (line) => {
          if (/"level":"(ERROR|FATAL|DPANIC|PANIC)"/.test(line) || !line.startsWith('{')) process.stderr.write(`temporal: ${line}\n`);
        },
      });
      temporalAddress = temporal.address;
      say(`Temporal dev server at ${temporalAddress}, Web UI at ${temporal.uiUrl}`);
    }

    const env = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress };
    children.push(startNodeChild('worker', script('worker/main.js'), env));
    children.push(startNodeChild('gateway', script('gateway/main.js'), env));
    for (const child of children) {
      child.process.once('exit', (code) => {
        if (stopping) return;
        say(`${child.name} exited with code ${code}; stopping everything`);
        void shutdown(1);
      });
    }
    await waitUntilReady(`http://127.0.0.1:${config.port}/health/ready`, 180_000);
    const demo = await seedOnStart(config);
    printBanner(config, temporal?.uiUrl, Date.now() - started, demo);
  } catch (error) {
    await shutdown(1).catch(() => undefined);
    throw error;
  }
});

function script(relative: string): string {
  return path.join(__dirname, '..', relative);
}
