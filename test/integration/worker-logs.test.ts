import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { findFreePort } from '../../services/common/runtime/ports';
import { eventually, isolatedDatabase } from '../support/ingestion-app';
import { buildDist } from '../support/up-process';

jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../..');

/** Runs the compiled worker until its /health/ready answers 200, stops it with SIGTERM and returns everything it printed. */
async function startAndStopWorker(env: Record<string, string>): Promise<string> {
  const port = await findFreePort();
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'dist/services/worker/main.js')], {
    cwd: root,
    env: {
      ...process.env, NODE_ENV: 'production', ALLOW_SANDBOX_IN_PRODUCTION: 'true', ADMIN_API_KEYS: 'a-real-admin-key', WEBHOOK_SIGNING_SECRET: 'a-real-signing-secret-0123',
      WORKER_HTTP_PORT: String(port), TEMPORAL_METRICS_BIND: `127.0.0.1:${await findFreePort()}`, ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    // A worker that exits (a refused configuration) fails at once instead of after the whole wait.
    await Promise.race([
      eventually(async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200, 120_000),
      exited.then(() => Promise.reject(new Error('the worker exited'))),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`worker never became ready: ${(error as Error).message}\n${output}`);
  }
  child.kill('SIGTERM');
  await exited;
  return output;
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
});
