import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { findFreePort } from '../../services/common/runtime/ports';
import { searchAttributeList } from '../../services/common/temporal/search-attributes';
import { WORKER_NODE_FLAGS, WORKER_PROCESS_ENV } from '../../services/worker/worker-capacity';
import { RUN_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  buildImageLayout, resolveCompose, setVariables, startService, stopService, waitUntil,
  type ResolvedService, type ServiceProcess,
} from '../support/compose-stack';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
/** What production needs to be able to pass to every long-running service. */
const PRODUCTION_VARIABLES = [
  'LOG_LEVEL', 'WEBHOOK_SIGNING_SECRET', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS', 'TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TLS_CA_PATH', 'TEMPORAL_TLS_SERVER_NAME', 'STRIPE_API_KEY', 'STRIPE_WEBHOOK_SECRETS', 'SENDGRID_API_KEY', 'ADMIN_API_KEYS',
];

/**
 * docker/compose.yaml checked without a Docker engine: compose-go resolves it as `docker compose` does, and each
 * app service's command runs from a directory laid out by the image's build step, with exactly the resolved
 * environment; only the addresses of PostgreSQL and Temporal (and the published ports) point at this machine.
 */
describe('the compose stack', () => {
  let services: Record<string, ResolvedService>;
  let dir: string;
  let local: { postgres: string; temporal: string; ports: Record<string, number> };
  const started: ServiceProcess[] = [];

  /** The service's resolved environment with hosts and ports pointed at the test's servers. */
  const environmentOf = (name: string): Record<string, string> => {
    const env = setVariables(services[name].environment);
    if (env.DATABASE_URL) env.DATABASE_URL = env.DATABASE_URL.replace('@postgres:5432/', `@${local.postgres}/`);
    if (env.TEMPORAL_ADDRESS) env.TEMPORAL_ADDRESS = env.TEMPORAL_ADDRESS.replace('temporal:7233', local.temporal);
    if (env.HOST) env.HOST = '127.0.0.1';
    for (const key of ['PORT', 'DISPATCHER_HTTP_PORT', 'WORKER_HTTP_PORT']) if (env[key]) env[key] = String(local.ports[key]);
    // The image's own ENV (docker/Dockerfile), which compose's environment overrides.
    return { NODE_ENV: 'production', HOME: dir, ...env };
  };
  /** The service's healthcheck command, its URL's port rewritten like the service's. */
  const healthcheckOf = (name: string, portKey: string): string[] => {
    const [kind, ...command] = services[name].healthcheck!;
    expect(kind).toBe('CMD');
    const composePort = services[name].environment[portKey]!;
    return command.map((arg) => arg.replace(`:${composePort}/`, `:${local.ports[portKey]}/`));
  };
  const start = (name: string) => {
    const service = startService(services[name].command!, dir, environmentOf(name));
    started.push(service);
    return service;
  };

  beforeAll(async () => {
    services = resolveCompose(['docker/compose.yaml']);
    dir = buildImageLayout(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-image-')));
    const testDb = new URL(process.env.DATABASE_URL!);
    local = {
      postgres: testDb.host,
      temporal: process.env.TEMPORAL_ADDRESS!,
      ports: { PORT: await findFreePort(), DISPATCHER_HTTP_PORT: await findFreePort(), WORKER_HTTP_PORT: await findFreePort() },
    };
    // The compose file's own role and database, fresh: migrate must build the schema from nothing.
    const admin = new PgClient({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const composeDb = new URL(services.migrate.environment.DATABASE_URL!);
      await admin.query(`DROP DATABASE IF EXISTS "${composeDb.pathname.slice(1)}"`);
      await admin.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${composeDb.username}') THEN
        CREATE ROLE "${composeDb.username}" LOGIN PASSWORD '${composeDb.password}'; END IF; END $$`);
      await admin.query(`CREATE DATABASE "${composeDb.pathname.slice(1)}" OWNER "${composeDb.username}"`);
    } finally {
      await admin.end();
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all(started.map(stopService));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resolves no variable to an empty string and passes the production variables on', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment)) expect(`${name}.${key}=${value}`).not.toMatch(/=$/);
    }
    for (const name of ['worker', 'gateway', 'dispatcher']) {
      expect(Object.keys(services[name].environment)).toEqual(expect.arrayContaining(PRODUCTION_VARIABLES));
      expect(services[name].environment.STRIPE_API_KEY).toBeNull(); // unset stays unset
    }
    expect(services.gateway.environment.DISPATCHER_ENABLED).toBe('false');
    // migrate gets the database settings and nothing it could fail to validate.
    expect(Object.keys(services.migrate.environment).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV']);
  });

  it('pins every image and gives each long-running app service a healthcheck', () => {
    for (const service of Object.values(services)) expect(service.image).toMatch(/^[\w./-]+:(\d+\.\d+\.\d+[\w.-]*|\d+\.\d+-[\w]+|\$?local)$/);
    for (const name of ['postgres', 'temporal', 'worker', 'gateway', 'dispatcher']) expect(services[name].healthcheck).toBeDefined();
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-schema'].image).toMatch(/^temporalio\/admin-tools:/);
  });

  it('starts the worker with the memory settings of services/worker/worker-capacity.ts', () => {
    expect(services.worker.command).toEqual(expect.arrayContaining([...WORKER_NODE_FLAGS]));
    expect(services.worker.environment).toMatchObject(WORKER_PROCESS_ENV);
  });

  it('creates the namespace and registers the run search attributes, idempotently', async () => {
    const env = setVariables(services['temporal-namespace'].environment);
    expect(env.SEARCH_ATTRIBUTES).toBe(searchAttributeList());
    const namespace = `compose-${process.pid}`;
    const scriptEnv = {
      ...env, PATH: process.env.PATH!, TEMPORAL_ADDRESS: local.temporal, TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_CLI: path.join(root, '.tools/venv/bin/temporal'),
    };
    const script = path.join(root, 'docker/temporal/create-namespace.sh');
    const first = await run('/bin/sh', [script], { env: scriptEnv, timeout: 120_000 });
    expect(first.stdout).toContain(`created ${namespace}`);
    const second = await run('/bin/sh', [script], { env: scriptEnv, timeout: 120_000 });
    expect(second.stdout).not.toContain('registered');
    const connection = await Connection.connect({ address: local.temporal });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      for (const key of Object.values(RUN_SEARCH_ATTRIBUTES)) expect(customAttributes?.[key.name]).toBe(2); // KEYWORD
    } finally {
      await connection.close();
    }
  }, 300_000);

  it('migrate exits 0 on an empty database', async () => {
    const migrate = start('migrate');
    await expect(migrate.exited).resolves.toBe(0);
    expect(migrate.output()).toMatch(/Applied /);
  }, 120_000);

  it('the worker polls its task queue, from the prebuilt workflow bundle', async () => {
    expect(fs.existsSync(path.join(dir, 'dist/workflow-bundle.js'))).toBe(true);
    const worker = start('worker');
    const connection = await Connection.connect({ address: local.temporal });
    try {
      const taskQueue = services.worker.environment.TEMPORAL_TASK_QUEUE ?? 'billing-automations';
      await waitUntil(async () => {
        const { pollers } = await connection.workflowService.describeTaskQueue({
          namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1, // WORKFLOW
        });
        return (pollers ?? []).some((poller) => poller.identity?.startsWith(`${worker.child.pid}@`));
      }, () => `the worker did not poll:\n${worker.output()}`, worker);
    } finally {
      await connection.close();
    }
    expect(worker.output()).not.toMatch(/Workflow bundle created/i);
  }, 120_000);

  it.each([
    ['gateway', 'PORT'],
    ['dispatcher', 'DISPATCHER_HTTP_PORT'],
  ])('the %s becomes ready by its own healthcheck', async (name, portKey) => {
    const service = start(name);
    const [file, ...args] = healthcheckOf(name, portKey);
    await waitUntil(
      () => run(file === 'node' ? process.execPath : file, args, { cwd: dir, timeout: 10_000 }).then(() => true),
      () => `${name} did not become ready:\n${service.output()}`,
      service,
    );
  }, 120_000);
});
