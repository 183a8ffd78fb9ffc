import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { findFreePort } from '../../services/common/runtime/ports';
import { projectRoot } from '../../services/common/runtime/project-root';
import { isolatedDatabase } from '../support/ingestion-app';
import { answersReady, startServiceProcess } from '../support/recipes-world';
import { buildDist } from '../support/up-process';

jest.setTimeout(180_000);

/** Runs the compiled worker until its /health/ready answers 200, stops it with SIGTERM and returns everything it printed. */
async function startAndStopWorker(env: Record<string, string>): Promise<string> {
  const port = String(await findFreePort());
  const worker = await startServiceProcess('services/worker/main.js', {
    NODE_ENV: 'production', ALLOW_SANDBOX_IN_PRODUCTION: 'true', ADMIN_API_KEYS: 'a-real-admin-key', WEBHOOK_SIGNING_SECRET: 'a-real-signing-secret-0123',
    WORKER_HTTP_PORT: port, TEMPORAL_METRICS_BIND: `127.0.0.1:${await findFreePort()}`, ...env,
  }, () => answersReady(port));
  worker.child.kill('SIGTERM');
  await worker.exited;
  return worker.output();
}

/* The compiled worker as production runs it: LOG_LEVEL governs Nest's, pino's and Temporal's runtime logs alike. */
describe('the worker log stream', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  const base = () => ({ DATABASE_URL: db.url, TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!, TEMPORAL_TASK_QUEUE: `logs-${process.pid}` });

  beforeAll(async () => {
    buildDist();
    db = await isolatedDatabase();
  });
  afterAll(() => db?.drop());

  it('prints nothing on a normal start and stop with LOG_LEVEL=error', async () => {
    expect(await startAndStopWorker({ ...base(), LOG_LEVEL: 'error' })).toBe('');
  });

  it('prints one JSON record per line at info, without start-up chatter', async () => {
    const lines = (await startAndStopWorker({ ...base(), LOG_LEVEL: 'info' })).split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as { msg: string; level: number });
    expect(records.map((r) => r.msg)).toContain('Worker polling');
    expect(records.map((r) => r.msg)).toContain('Retention schedule ready'); // every worker ensures the schedule at start
    expect(records.every((r) => r.level >= 30)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/dependencies initialized|Mapped|webpack/i);
  });

  it('writes pretty lines on a developer terminal and JSON when piped, from the same logger', () => {
    // The services' logger factory, compiled, in a process whose stdout is a terminal (util-linux `script` gives it
    // a pseudo-terminal) and in one whose stdout is a pipe.
    const program = `require(${JSON.stringify(path.join(projectRoot(), 'dist/services/common/logging/create-logger.js'))})`
      + `.createLogger({ logLevel: 'info', env: 'development' }, 'worker').info({ taskQueue: 'billing-automations' }, 'Worker polling')`;
    const env = { ...process.env, NODE_ENV: 'development' };
    const colored = execFileSync('script', ['-qec', `${process.execPath} -e "${program.replace(/"/g, '\\"')}"`, '/dev/null'], { env, encoding: 'utf8' });
    expect(colored).toContain('\u001b[32mINFO'); // pino-pretty's colours
    const terminal = colored.replace(/\u001b\[[0-9;]*m/g, '');
    expect(terminal).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(worker\): Worker polling\r?\n {4}taskQueue: "billing-automations"/);
    const piped = execFileSync(process.execPath, ['-e', program], { env, encoding: 'utf8' });
    expect(JSON.parse(piped)).toMatchObject({ level: 30, msg: 'Worker polling', taskQueue: 'billing-automations', service: 'worker' });
  });
});
