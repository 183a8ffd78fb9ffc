import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../services/common/runtime/ports';
import { reachableTempDir as tempDataDir } from '../../services/common/database/embedded-postgres';
import { isAlive as alive } from '../../services/common/runtime/system-addresses';
import { PidFiles } from '../../services/up/pid-files';
import { WORKER_NODE_FLAGS, WORKER_PROCESS_ENV } from '../../services/worker/worker-capacity';
import { buildDist, recordedPids, startUp, waitForOutput, waitUntilGone, type UpProcess } from '../support/up-process';

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

  it('names a bad secret in the gateway\'s and the worker\'s configuration, never its value', async () => {
    const env = { NODE_ENV: 'production', ADMIN_API_KEYS: 'dev-admin-key,supersecret-real-key-123', DATABASE_URL: 'postgres://app:hunter2-pw@127.0.0.1:1/app' };
    for (const service of ['gateway', 'worker']) {
      const run = startUp(env, { command: [process.execPath, `dist/services/${service}/main.js`] });
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(new RegExp(`^${service}: Invalid configuration: .*ADMIN_API_KEYS: `));
      expect(run.output()).not.toMatch(/supersecret-real-key-123|hunter2-pw/);
    }
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

    const first = startUp({ ...env, DAY_DURATION: '2s' });
    running.push(first);
    const [, pgPort] = await waitForOutput(first, /embedded PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:(\d+)\//);
    await waitForOutput(first, /Press Ctrl-C to stop\./);
    // The first screen: one line per stage, in order, each with its time, then the banner, last.
    const lines = first.output().split('\n');
    const stages = ['database', 'Temporal', 'worker', 'gateway'].map((name) => lines.findIndex((l) => new RegExp(`^up: ${name} +ready \\(\\d+\\.\\d s\\)  \\S`).test(l)));
    expect(stages.every((at) => at >= 0)).toBe(true);
    expect([...stages].sort((a, b) => a - b)).toEqual(stages);
    const banner = lines.findIndex((l) => /^Ready in [\d.]+ s$/.test(l));
    expect(banner).toBeGreaterThan(stages[3]);
    expect(lines.slice(banner).join('\n')).toContain('  Day length   1 day lasts 2 seconds (DAY_DURATION)');
    expect(lines.slice(banner + 1).filter((l) => l.startsWith('up: '))).toEqual([]);
    expect(lines.length).toBeLessThan(40); // start-up chatter goes to the log file, not the first screen
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
    const [, pgPort2] = await waitForOutput(second, /embedded PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:(\d+)\//);
    await waitForOutput(second, /Ready in [\d.]+ s/);
    const db2 = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort2}/dunning` });
    await db2.connect();
    const { rows } = await db2.query(`SELECT provider_event_id FROM events WHERE provider_event_id = 'evt_kept'`);
    await db2.end();
    expect(rows).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('leaves no process behind when its terminal closes (SIGHUP)', async () => {
    const dataDir = tempDataDir('up-hup-');
    dirs.push(dataDir);
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir });
    running.push(up);
    await waitForOutput(up, /Ready in [\d.]+ s/);
    const pids = recordedPids(dataDir);
    expect(Object.keys(pids).sort()).toEqual(['gateway', 'postgres', 'postgres-server', 'temporal', 'temporal-server', 'up', 'worker']);
    // The worker runs with the memory settings of services/worker/worker-capacity.ts.
    expect(fs.readFileSync(`/proc/${pids.worker}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([...WORKER_NODE_FLAGS]));
    expect(fs.readFileSync(`/proc/${pids.worker}/environ`, 'utf8').split('\0')).toEqual(expect.arrayContaining(Object.entries(WORKER_PROCESS_ENV).map(([k, v]) => `${k}=${v}`)));
    up.child.kill('SIGHUP');
    expect(await up.exited).toBe(0);
    expect(Object.values(pids).filter(alive)).toEqual([]);
    expect(up.output()).toContain('up: SIGHUP: stopping…');
  });

  it('leaves no process behind when it is killed outright (SIGKILL): each child stops on its own', async () => {
    const dataDir = tempDataDir('up-kill-');
    dirs.push(dataDir);
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir });
    running.push(up);
    await waitForOutput(up, /Ready in [\d.]+ s/);
    const pids = recordedPids(dataDir);
    up.child.kill('SIGKILL');
    await up.exited;
    await waitUntilGone(Object.values(pids), 60_000);
    expect(Object.values(pids).filter(alive)).toEqual([]);
  });

  it('stops everything on Ctrl-C under `| tee`, though tee quits first and its output goes nowhere', async () => {
    const dataDir = tempDataDir('up-tee-');
    dirs.push(dataDir);
    const teeFile = path.join(dataDir, 'tee.out');
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir }, {
      command: ['bash', '-c', `"${process.execPath}" dist/services/up/main.js | tee "${teeFile}"`],
      detached: true,
    });
    running.push(up);
    await waitForOutput(up, /Ready in [\d.]+ s/);
    const pids = recordedPids(dataDir);
    process.kill(-up.child.pid!, 'SIGINT'); // the terminal signals the whole pipeline: bash, up and tee
    await up.exited;
    await waitUntilGone(Object.values(pids), 60_000);
    expect(Object.values(pids).filter(alive)).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'run')).filter((f) => f.endsWith('.pid'))).toEqual([]); // a clean stop
  });

  it('names a process left over by a crashed run instead of saying a port is in use', async () => {
    const dataDir = tempDataDir('up-stale-');
    dirs.push(dataDir);
    const stale = spawn('sleep', ['600'], { stdio: 'ignore' });
    await new Promise((resolve) => stale.once('spawn', resolve));
    new PidFiles(path.join(dataDir, 'run')).write('worker', stale.pid!);
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir });
    expect(await up.exited).toBe(1);
    stale.kill('SIGKILL');
    expect(up.output().trim()).toBe(
      `up: processes of an earlier run on ${dataDir} are still running: pid ${stale.pid} worker (sleep 600); stop them (kill ${stale.pid}) and start again`,
    );
  });

  it('says in one line why PostgreSQL did not start, and what to do', async () => {
    const dataDir = tempDataDir('up-pg-broken-');
    dirs.push(dataDir);
    fs.mkdirSync(path.join(dataDir, 'postgres'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'postgres', 'PG_VERSION'), '18\n'); // a cluster with nothing else in it
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir });
    expect(await up.exited).toBe(1);
    const failure = up.output().split('\n').find((l) => l.includes('did not start'));
    expect(failure).toMatch(/^up: PostgreSQL did not start on port \d+ with data in .*: .+; is another server using that data folder .*set DATA_DIR \(or DATABASE_URL\)$/);
    expect(up.output()).not.toMatch(/\n\s+at /);
    expect(up.output()).toContain('up: stopped');
  });

  it('says in one line why the Temporal dev server did not start, and what to do', async () => {
    const dataDir = tempDataDir('up-temporal-broken-');
    dirs.push(dataDir);
    fs.mkdirSync(path.join(dataDir, 'temporal', 'temporal.db'), { recursive: true }); // a folder where its file goes
    const up = startUp({ ...(await freePorts()), DATA_DIR: dataDir });
    expect(await up.exited).toBe(1);
    const failure = up.output().split('\n').find((l) => l.includes('did not start'));
    expect(failure).toMatch(/^up: Temporal dev server did not start on 127\.0\.0\.1:\d+ with data in .*temporal\.db: it exited with code \d+ .*; another Temporal server\? .*, or move the data file aside if it is damaged$/);
    expect(up.output()).not.toMatch(/\n\s+at /);
    expect(recordedPids(dataDir)).toEqual({});
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
    expect(up.output()).not.toContain('embedded PostgreSQL');
    expect(up.output()).not.toContain('dev server at');
    expect(up.output()).toMatch(/up: database {8}ready \([\d.]+ s\) {2}DATABASE_URL \(postgres:\/\/[^:]+:\*\*\*@/);
    expect(await listening(Number(ports.TEMPORAL_DEV_PORT))).toBe(false);
    up.child.kill('SIGINT');
    expect(await up.exited).toBe(0);
  });
});
