import { spawn, type ChildProcess } from 'node:child_process';
import * as readline from 'node:readline';
import { stopChild } from '../common/temporal/dev-server';

/** A long-running child of `up`, in its own process group so that `up` decides the order of shutdown. */
export interface ManagedChild {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node <script>` with extra environment; its output goes to ours. */
export function startNodeChild(name: string, script: string, env: Record<string, string>): ManagedChild {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  return { name, process: child, stop: () => stopChild(child, 30_000) };
}

/** Starts a child that reports readiness with one JSON line on stdout, and resolves with that line. */
export async function startReportingChild<T>(name: string, script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const report = await new Promise<T>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready`)));
  });
  lines.on('line', (line) => process.stdout.write(`${line}\n`));
  const managed: ManagedChild = { name, process: child, stop: () => stopChild(child, 30_000) };
  return { child: managed, report };
}
