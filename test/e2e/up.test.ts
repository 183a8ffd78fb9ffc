import * as fs from 'node:fs';
import * as net from 'node:net';
import { Client } from 'pg';
import { findFreePort } from '../../services/common/runtime/ports';
import { reachableTempDir as tempDataDir } from '../../services/common/database/embedded-postgres';
import { buildDist, startUp, waitForOutput, type UpProcess } from '../support/up-process';

jest.setTimeout(240_000);

/** True when something accepts TCP connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function freePorts() {
  return { PORT: String(await findFreePort()), TEMPORAL_DEV_PORT: String(await findFreePort()), TEMPORAL_UI_PORT: String(await findFreePort()) };
}

describe('make up (the orchestrator)', () => {
  const dirs: string[] = [];
  const running: UpProcess[] = [];

  beforeAll(() => buildDist());
  afterAll(async () => {
    for (const up of running) if (up.child.exitCode === null) up.child.kill('SIGKILL');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stops at once with one clear line on a bad configuration value', async () => {
    const up = startUp({ PORT: 'eighty', DAY_DURATION: '2s' });
    expect(await up.exited).toBe(1);
    expect(up.output().trim()).toBe('up: Invalid configuration: PORT: Invalid input: expected number, received NaN (got "eighty")');
  });

  it('says which port is taken, without a stack trace', async () => {
    const blocker = net.createServer().listen(0, '0.0.0.0');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const up = startUp({ ...(await freePorts()), PORT: String(port), DATA_DIR: tempDataDir('up-port-') });
    expect(await up.exited).toBe(1);
    blocker.close();
    expect(up.output()).toContain(`up: Port ${port} (gateway HTTP) is already in use: stop what uses it or set PORT`);
    expect(up.output()).not.toMatch(/\n\s+at /);
  });

  it('starts everything, stops everything on Ctrl-C, and finds the same data the second time', async () => {
    const dataDir = tempDataDir('up-full-');
    dirs.push(dataDir);
    const ports = await freePorts();
    const env = { ...ports, DATA_DIR: dataDir };

    const first = startUp(env);
    running.push(first);
    const [, pgPort] = await waitForOutput(first, /PostgreSQL \(embedded\) at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:(\d+)\//);
    await waitForOutput(first, /Ready in [\d.]+ s/);
    const ready = await fetch(`http://127.0.0.1:${ports.PORT}/health/ready`);
    expect(ready.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);

    const db = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/dunning` });
    await db.connect();
    await db.query(`INSERT INTO events (provider, provider_event_id, type, payload) VALUES ('generic', 'evt_kept', 'x', '{}')`);
    await db.end();

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    for (const port of [ports.PORT, ports.TEMPORAL_DEV_PORT, ports.TEMPORAL_UI_PORT, pgPort]) {
      expect(await listening(Number(port))).toBe(false);
    }

    const second = startUp(env);
    running.push(second);
    const [, pgPort2] = await waitForOutput(second, /PostgreSQL \(embedded\) at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:(\d+)\//);
    await waitForOutput(second, /Ready in [\d.]+ s/);
    const db2 = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort2}/dunning` });
    await db2.connect();
    const { rows } = await db2.query(`SELECT provider_event_id FROM events WHERE provider_event_id = 'evt_kept'`);
    await db2.end();
    expect(rows).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('starts nothing local when DATABASE_URL and TEMPORAL_ADDRESS point at running servers', async () => {
    const ports = await freePorts();
    const up = startUp({
      ...ports,
      DATA_DIR: tempDataDir('up-remote-'),
      DATABASE_URL: process.env.DATABASE_URL!,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: 'up-remote-test',
    });
    running.push(up);
    await waitForOutput(up, /Ready in [\d.]+ s/);
    expect(up.output()).not.toContain('PostgreSQL (embedded)');
    expect(up.output()).not.toContain('Temporal dev server');
    expect(await listening(Number(ports.TEMPORAL_DEV_PORT))).toBe(false);
    up.child.kill('SIGINT');
    expect(await up.exited).toBe(0);
  });
});
