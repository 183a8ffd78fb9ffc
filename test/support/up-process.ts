import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

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

/** Starts `node dist/services/up/main.js` with the given environment (on top of a clean one). */
export function startUp(env: Record<string, string>): UpProcess {
  let output = '';
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|TEMPORAL_|PORT$|DATA_DIR$)/.test(key)),
  );
  const child = spawn(process.execPath, [path.join(root, 'dist/services/up/main.js')], {
    cwd: root,
    env: { ...clean, LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env }, // tests that want the demo seed ask for it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
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

