import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { stopChild } from '../services/common/temporal/dev-server';

/** Every child the bench started, so a failure or Ctrl-C still stops them all. */
const children = new Set<ChildProcess>();

/**
 * Starts a compiled module of dist/ (path relative to dist/bench) in its own Node process, stdout ignored,
 * stderr kept for the error message, with an IPC channel when `ipc` is set.
 */
export function startNode(script: string, env: Record<string, string>, options: { ipc?: boolean; nodeArgs?: string[] } = {}): ChildProcess & { stderrTail(): string } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--enable-source-maps', path.join(__dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-2_000);
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return Object.assign(child, { stderrTail: () => tail.trim() });
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export function stopNode(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return stopChild(child, graceMs);
}

/** Stops every child still running. */
export async function stopAllChildren(): Promise<void> {
  await Promise.allSettled([...children].map((c) => stopChild(c, 5_000)));
}
