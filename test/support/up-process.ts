import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../../services/common/runtime/system-addresses';

const root = path.resolve(__dirname, '../..');

/** Compiles the app to dist/ once (the `up` tests run the real entry points, as `make up` does). */
export function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}

/** A running `up` with what it printed so far. */
export interface UpProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/services/up/main.js` (or `command` in `cwd`) with the given environment on top of a clean one. */
export function startUp(env: Record<string, string>, options: { cwd?: string; command?: string[]; detached?: boolean } = {}): UpProcess {
  let output = '';
  const [command, ...args] = options.command ?? [process.execPath, path.join(root, 'dist/services/up/main.js')];
  const child = spawn(command, args, {
    cwd: options.cwd ?? root,
    env: { ...cleanEnv(), LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env }, // tests that want the demo seed ask for it
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** This process's environment without what points at the test servers or moves the system (a new terminal's). */
export function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|TEMPORAL_|PORT$|DATA_DIR$)/.test(key)));
}

/** Resolves once `pattern` appears in the output; rejects if the process exits first or time runs out. */
export async function waitForOutput(up: UpProcess, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void up.exited.then(() => (exited = true));
  for (;;) {
    const match = up.output().match(pattern);
    if (match) return match;
    if (exited || Date.now() > deadline) throw new Error(`Did not see ${pattern} in:\n${up.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}


/** The processes a running `up` recorded in its pid files, by name. */
export function recordedPids(dataDir: string): Record<string, number> {
  const dir = path.join(dataDir, 'run');
  if (!fs.existsSync(dir)) return {};
  const records = fs.readdirSync(dir).filter((f) => f.endsWith('.pid')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { name: string; pid: number });
  return Object.fromEntries(records.map((r) => [r.name, r.pid]));
}

/** Resolves once none of the pids is alive, or after `timeoutMs` (the caller then asserts which are left). */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}
