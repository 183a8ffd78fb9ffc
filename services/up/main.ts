import 'reflect-metadata';
import * as path from 'node:path';
import { loadConfig } from '../common/config/app.config';
import { runMigrations } from '../common/database/run-migrations';
import { assertPortFree } from '../common/runtime/ports';
import { describeFailure, runMain } from '../common/runtime/run-main';
import { StartupError } from '../common/runtime/startup-error';
import type { ReadyReport } from '../common/runtime/supervision';
import { localUrl, removeAddresses, writeAddresses } from '../common/runtime/system-addresses';
import { WORKER_PROCESS_ENV, workerNodeFlags } from '../worker/worker-capacity';
import { bannerText, waitUntilReady } from './banner';
import { PidFiles, type ProcessRecord } from './pid-files';
import { seedOnStart } from './seed-demo';
import { Supervisor } from './supervisor';
import { createUpOutput } from './up-output';

/**
 * Starts the whole system: PostgreSQL (embedded unless DATABASE_URL), migrations, the Temporal dev server with
 * its Web UI (unless TEMPORAL_ADDRESS), the worker and the gateway — one progress line per stage, the banner
 * last. Ctrl-C, SIGTERM or a closed terminal stop them in reverse order: gateway, worker (drains), Temporal,
 * PostgreSQL; if `up` itself is killed, each child stops on its own (see supervisor.ts).
 */
runMain('up', async () => {
  const started = Date.now();
  const config = loadConfig();
  const pidFiles = new PidFiles(path.join(config.dataDir, 'run'));
  const leftovers = pidFiles.leftovers();
  if (leftovers.length) throw leftoverError(config.dataDir, leftovers);
  await assertPortFree(config.port, 'gateway HTTP', 'stop what uses it or set PORT', config.host);

  const output = createUpOutput(path.join(config.dataDir, 'up.log'), ['debug', 'trace'].includes(config.logLevel));
  pidFiles.write('up', process.pid);
  const supervisor = new Supervisor(pidFiles, output, () => {
    removeAddresses(config.dataDir);
    pidFiles.remove('up');
  });
  const script = (relative: string) => path.join(__dirname, '..', relative);
  const stage = async <T>(name: string, run: () => Promise<T>, detail: (result: T) => string): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    output.say(`${name.padEnd(15)} ready (${((Date.now() - t0) / 1000).toFixed(1)} s)  ${detail(result)}`);
    return result;
  };
  const remote = (what: string) => async () => ({ detail: what }) as ReadyReport;

  try {
    // PostgreSQL and Temporal do not need each other: they start together, and report in stage order.
    const postgres = config.databaseUrl ? remote(`DATABASE_URL (${mask(config.databaseUrl)})`)() : supervisor.start('postgres', script('common/database/postgres-main.js'));
    const temporal = config.temporal.address
      ? remote(`TEMPORAL_ADDRESS ${config.temporal.address}, namespace ${config.temporal.namespace}`)()
      : supervisor.start('temporal', script('common/temporal/temporal-main.js'));
    temporal.catch(() => undefined); // a failure is reported in its stage, after the database's
    const database = await stage('database', async () => {
      const report = await postgres;
      (report.notices as string[] | undefined)?.forEach((notice) => output.say(`database        ${notice}`));
      const databaseUrl = config.databaseUrl ?? String(report.url);
      const applied = await runMigrations(databaseUrl);
      return { ...report, databaseUrl, applied };
    }, (r) => `${r.detail}${r.applied.length ? `; applied migrations ${r.applied.join(', ')}` : ''}`);
    const cluster = await stage('Temporal', () => temporal, (r) => r.detail);

    const env = { DATABASE_URL: database.databaseUrl, TEMPORAL_ADDRESS: config.temporal.address ?? String(cluster.address) };
    // The worker's memory settings are process flags and environment (services/worker/worker-capacity.ts).
    const worker = supervisor.start('worker', script('worker/main.js'), { ...env, ...WORKER_PROCESS_ENV }, workerNodeFlags(config.workerTuning.memoryMb));
    const gateway = supervisor.start('gateway', script('gateway/main.js'), env);
    gateway.catch(() => undefined);
    await stage('worker', () => worker, (r) => r.detail);
    await stage('gateway', async () => {
      const report = await gateway;
      await waitUntilReady(`http://127.0.0.1:${config.port}/health/ready`, 180_000);
      return report;
    }, (r) => `${r.detail}, /health/ready answers 200`);

    const notes = await seedOnStart(config);
    const temporalUiUrl = cluster.uiUrl as string | undefined;
    writeAddresses(config.dataDir, { gatewayUrl: localUrl(config.port), temporalUiUrl, namespace: config.temporal.namespace, pid: process.pid });
    output.write(bannerText(config, { temporalUiUrl, elapsedMs: Date.now() - started, logFile: output.logFile, notes }));
    output.goLive();
  } catch (error) {
    await supervisor.stop(1, describeFailure(error));
  }
});

function mask(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

function leftoverError(dataDir: string, records: ProcessRecord[]): StartupError {
  const list = records.map((r) => `pid ${r.pid} ${r.name} (${r.command.length > 80 ? `${r.command.slice(0, 77)}…` : r.command})`);
  return new StartupError(
    `processes of an earlier run on ${dataDir} are still running: ${list.join(', ')}; stop them (kill ${records.map((r) => r.pid).join(' ')}) and start again`,
  );
}
