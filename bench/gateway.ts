import { randomBytes } from 'node:crypto';
import { findFreePort, waitForPort } from '../services/common/runtime/ports';
import { startNode, stopNode } from './child';
import type { BenchInfra } from './infra';

/** The task queue the bench gateway starts runs on (no worker polls it: a run counts once it is started). */
export const INGEST_TASK_QUEUE = 'bench-ingest';

export interface RunningServer {
  url: string;
  pid: number;
  /** Its processes by role (the gateway and its dispatcher), for the CPU they use. */
  pids?: Record<string, number>;
  stop(): Promise<void>;
}

/** Starts a compiled server module with BENCH_PORT/PORT on a free loopback port and waits until it listens. */
export async function startServer(script: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await findFreePort();
  const child = startNode(script, { ...env, PORT: String(port), BENCH_PORT: String(port), HOST: '127.0.0.1' });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code}: ${child.stderrTail()}`))),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForPort('127.0.0.1', port, 60_000), exited]);
  } catch (error) {
    await stopNode(child, 1_000);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopNode(child) };
}

/** The gateway's environment for the bench: production mode, the bench's PostgreSQL and Temporal, the sandbox ledger. */
function gatewayEnv(infra: BenchInfra, webhookSecret: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: INGEST_TASK_QUEUE,
    STRIPE_WEBHOOK_SECRETS: webhookSecret,
    ADMIN_API_KEYS: `bench-${randomBytes(12).toString('hex')}`,
    WEBHOOK_SIGNING_SECRET: `bench-${randomBytes(12).toString('hex')}`,
    BILLING_PROVIDER: 'sandbox',
    ALLOW_SANDBOX_IN_PRODUCTION: 'true', // the bench's own throwaway ledger and outbox
    EMAIL_PROVIDER: 'outbox',
    DAY_DURATION: '1d',
    LOG_LEVEL: process.env.BENCH_GATEWAY_LOG_LEVEL ?? 'info',
  };
}

/** The gateway alone (no dispatcher anywhere reads what it accepts): the accept path by itself. */
export function startAcceptOnlyGateway(infra: BenchInfra, webhookSecret: string): Promise<RunningServer> {
  return startServer('../services/gateway/main.js', { ...gatewayEnv(infra, webhookSecret), DISPATCHER_ENABLED: 'false' });
}

/**
 * The real gateway (dist/services/gateway/main.js: createGateway, listening on 127.0.0.1) with its dispatcher
 * in a process of its own (dist/services/gateway/dispatcher/main.js, DISPATCHER_ENABLED=false in the gateway,
 * as a deployment that scales them apart runs them), in production mode, JSON logs at
 * `BENCH_GATEWAY_LOG_LEVEL` (default info) written to a discarded stdout. Stopping it stops both.
 */
export async function startGateway(infra: BenchInfra, webhookSecret: string): Promise<RunningServer> {
  const env = gatewayEnv(infra, webhookSecret);
  const gateway = await startServer('../services/gateway/main.js', { ...env, DISPATCHER_ENABLED: 'false' });
  try {
    const port = await findFreePort();
    const child = startNode('../services/gateway/dispatcher/main.js', { ...env, DISPATCHER_HTTP_PORT: String(port), HOST: '127.0.0.1' });
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the dispatcher exited with code ${code}: ${child.stderrTail()}`))));
    exited.catch(() => undefined);
    await Promise.race([waitForPort('127.0.0.1', port, 60_000), exited]).catch(async (error: unknown) => {
      await stopNode(child, 1_000);
      throw error;
    });
    return { ...gateway, pids: { gateway: gateway.pid, dispatcher: child.pid! }, stop: async () => void (await Promise.all([gateway.stop(), stopNode(child)])) };
  } catch (error) {
    await gateway.stop();
    throw error;
  }
}
