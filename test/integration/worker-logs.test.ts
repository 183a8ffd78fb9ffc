import { findFreePort } from '../../services/common/runtime/ports';
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
    expect(records.every((r) => r.level >= 30)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/dependencies initialized|Mapped|webpack/i);
  });
});
