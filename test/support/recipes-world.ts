import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { WorkerHttpService } from '../../services/worker/telemetry/worker-http.service';
import { WorkerModule } from '../../services/worker/worker.module';
import type { AdminApp } from '../e2e/admin-helpers';
import { eventually } from './ingestion-app';
import { installQuietRuntime } from '../../testkit/time-skipping';

/*
 * The whole system in a test: the real gateway (admin API, sandbox API, dispatcher) from startAdminApp and the
 * real worker (WorkerModule: sandbox billing, outbox email, PostgreSQL projection) on the same database and task
 * queue, either in this process or as a child process that a test can SIGKILL.
 */

/** Runs `fn` with these environment variables set (config is read from process.env when a Nest app starts). */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** The environment a worker needs to serve `api`'s database and task queue. */
export function workerEnv(api: AdminApp, extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: api.db.url, TEMPORAL_TASK_QUEUE: api.taskQueue, TEAM_EMAIL_DOMAIN: 'acme.test', ...extra };
}

/** The real worker (WorkerModule, as `node dist/services/worker/main.js` runs it) inside this process. */
export async function startWorkerApp(env: Record<string, string>): Promise<{ close(): Promise<void>; httpPort: number }> {
  installQuietRuntime();
  const app: INestApplicationContext = await withEnv({ LOG_LEVEL: 'warn', WORKER_HTTP_PORT: '0', ...env }, async () => {
    const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await ctx.init();
    return ctx;
  });
  return { close: () => app.close(), httpPort: app.get(WorkerHttpService).port! };
}

const root = path.resolve(__dirname, '../..');

/** A service child process (the compiled worker or gateway), with what it printed. */
export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `dist/<main>` (run buildDist() first) and resolves once `ready(output)` holds; fails at once if it exits. */
export async function startServiceProcess(main: string, env: Record<string, string>, ready: (output: string) => Promise<boolean> | boolean): Promise<WorkerProcess> {
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'dist', main)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': by then everything the process printed has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(async () => {
    if (gone) throw new Error(`${main} exited before it was ready:\n${output}`);
    return ready(output);
  }, 120_000).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${main} output:\n${output}`);
  });
  return { child, output: () => output, exited };
}

/** Starts the compiled worker (run buildDist() first) and resolves once it polls its task queue. */
export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  return startServiceProcess('services/worker/main.js', env, (output) => output.includes('Worker polling'));
}

/** Whether `http://127.0.0.1:<port>/health/ready` answers 200 (a service process is ready). */
export async function answersReady(port: string): Promise<boolean> {
  return (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200;
}

/** Starts the compiled gateway on `PORT` (run buildDist() first) and resolves once its /health/ready answers 200. */
export function startGatewayProcess(env: Record<string, string> & { PORT: string }): Promise<WorkerProcess> {
  return startServiceProcess('services/gateway/main.js', env, () => answersReady(env.PORT));
}

/** A sandbox ledger client over the gateway's `/v1/sandbox` API (every change emits its event). */
export function sandboxClient(api: AdminApp) {
  const ok = async (req: ReturnType<AdminApp['post']>, status = [200, 201]) => {
    const res = await req;
    if (!status.includes(res.status)) throw new Error(`sandbox API answered ${res.status}: ${res.text}`);
    return res.body;
  };
  return {
    product: (name: string) => ok(api.post('/v1/sandbox/products', { name })),
    price: (productId: string, unitAmount: number, interval: 'month' | 'year') =>
      ok(api.post('/v1/sandbox/prices', { productId, unitAmount, currency: 'usd', interval })),
    customer: (body: { email: string; name?: string }) => ok(api.post('/v1/sandbox/customers', body)),
    card: (customerId: string, body: Record<string, unknown>) =>
      ok(api.post(`/v1/sandbox/customers/${customerId}/payment-methods`, { brand: 'visa', ...body })),
    subscription: (customerId: string, priceId: string) => ok(api.post('/v1/sandbox/subscriptions', { customerId, priceId })),
    invoice: (body: Record<string, unknown>) => ok(api.post('/v1/sandbox/invoices', body)),
    /** A renewal charge of the invoice on the default card, as the billing system makes it. */
    attempt: (invoiceId: string) => ok(api.post(`/v1/sandbox/invoices/${invoiceId}/attempt`, {})),
    cancelSubscription: (id: string) => ok(api.post(`/v1/sandbox/subscriptions/${id}/cancel`, {})),
    getInvoice: (id: string) => ok(api.get(`/v1/sandbox/invoices/${id}`), [200]),
    getSubscription: (id: string) => ok(api.get(`/v1/sandbox/subscriptions/${id}`), [200]),
  };
}

export type SandboxClient = ReturnType<typeof sandboxClient>;

/** Run resource of the (only) run about `filter`, once the dispatcher started it. */
export function runOf(api: AdminApp, filter: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const { body } = await api.get(`/v1/runs?${filter}`);
    if (body.data?.length > 1) throw new Error(`more than one run for ${filter}: ${JSON.stringify(body.data)}`);
    return body.data?.[0] as { id: string; automationVersion: number } | undefined;
  }, timeoutMs);
}

/** GET /v1/runs/{id} once the run has ended (status other than running). */
export function endedRun(api: AdminApp, id: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const { body } = await api.get(`/v1/runs/${encodeURIComponent(id)}`);
    return body.status && body.status !== 'running' ? body : undefined;
  }, timeoutMs).catch(async (error: Error) => {
    const { body } = await api.get(`/v1/runs/${encodeURIComponent(id)}`);
    throw new Error(`run ${id} did not end (${error.message}); last seen: ${JSON.stringify(body)}`);
  });
}
