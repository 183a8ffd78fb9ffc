import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertPortFree, waitForPort } from '../runtime/ports';
import { toolPath } from '../runtime/project-root';
import { StartupError } from '../runtime/startup-error';
import { localUrl } from '../runtime/system-addresses';
import { devServerSearchAttributeFlags } from './search-attributes';

/** A `temporal server start-dev` process this process started. */
export interface LocalTemporal {
  address: string;
  /** The `temporal` process. */
  pid: number;
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  namespace: string;
  /** SQLite file for persistence; omitted: in memory. */
  dbFile?: string;
  headless?: boolean;
  onLog?: (line: string) => void;
}

/** Starts the Temporal CLI dev server (from .tools) with the project's search attributes registered. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<LocalTemporal> {
  const hint = 'another Temporal server? Point TEMPORAL_ADDRESS at it, or set TEMPORAL_DEV_PORT/TEMPORAL_UI_PORT';
  await assertPortFree(options.port, 'Temporal frontend', hint);
  if (!options.headless && options.uiPort) await assertPortFree(options.uiPort, 'Temporal Web UI', hint);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace];
  args.push(...devServerSearchAttributeFlags(), '--log-level', 'warn', '--log-format', 'json');
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.headless || !options.uiPort) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  // Its own process group: Ctrl-C in a terminal must not stop it before the worker has drained.
  const child = spawn(toolPath('temporal'), args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.onLog ?? (() => undefined);
  let lastLine = '';
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString().trim();
    lastLine = text.split('\n').pop() ?? lastLine;
    log(text);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const where = `127.0.0.1:${options.port}${options.dbFile ? ` with data in ${options.dbFile}` : ''}`;
  const failed = (why: string) =>
    new StartupError(`Temporal dev server did not start on ${where}: ${why}${lastLine ? ` (its last words: ${lastLine})` : ''}; ${hint}, or move the data file aside if it is damaged`);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(failed(`${toolPath('temporal')} could not be run (${error.message}); reinstall it with \`make tools\``)));
    child.once('exit', (code, signal) => reject(failed(`it exited with ${signal ?? `code ${code}`}`)));
  });
  try {
    await Promise.race([waitForPort('127.0.0.1', options.port, 30_000).catch(() => Promise.reject(failed('it did not listen within 30 s'))), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  return {
    address: `127.0.0.1:${options.port}`,
    pid: child.pid!,
    uiUrl: options.headless || !options.uiPort ? undefined : localUrl(options.uiPort),
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL after a grace period. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
