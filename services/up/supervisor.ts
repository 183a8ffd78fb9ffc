import { fork, type ChildProcess } from 'node:child_process';
import * as readline from 'node:readline';
import { StartupError } from '../common/runtime/startup-error';
import type { ReadyReport } from '../common/runtime/supervision';
import type { PidFiles } from './pid-files';

/** Where `up` writes: the terminal (which may be gone: a closed terminal, a pipe whose reader quit) and a log file. */
export interface UpOutput {
  /** Up's own lines. */
  say(line: string): void;
  /** A line a child printed; `important` ones (warnings, errors, anything not a JSON log record) are shown at once. */
  relay(line: string, important: boolean): void;
}

interface Supervised {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
  leaves: string[];
}

/** Grace for a child to stop on SIGTERM (the worker drains for 20 s; the server wrappers stop theirs in 10 s). */
const STOP_GRACE_MS = 30_000;

/**
 * `up`'s children: Node processes started with an IPC channel (their loss of `up`, however it dies, stops them),
 * in their own sessions (a terminal's Ctrl-C or hang-up reaches `up` only, which stops them in order), with their
 * output relayed through `up` and a pid file each. SIGINT, SIGTERM and SIGHUP stop them in reverse order.
 */
export class Supervisor {
  private readonly children: Supervised[] = [];
  private stopping?: Promise<never>;

  constructor(
    private readonly pidFiles: PidFiles,
    private readonly output: UpOutput,
    /** Runs once every child has stopped, before `up` exits. */
    private readonly cleanup: () => void = () => undefined,
  ) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void this.stop(0, `${signal}: stopping…`));
    // Last resort if `up` exits without stop() (an exception): the children see their channel close anyway.
    process.once('exit', () => this.children.forEach((child) => child.process.kill('SIGTERM')));
  }

  /** Forks `node <script>` with extra environment (and Node flags) and resolves with its ready report. */
  start(name: string, script: string, env: Record<string, string> = {}, nodeFlags: readonly string[] = []): Promise<ReadyReport> {
    const child = fork(script, [], {
      execArgv: ['--enable-source-maps', ...nodeFlags],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const supervised: Supervised = { name, process: child, exited, leaves: [] };
    this.children.push(supervised);
    if (child.pid) this.pidFiles.write(name, child.pid);
    // Before it is ready, a child's own failure line (`<name>: …`, see runMain) becomes up's one line about it.
    let ready = false;
    let failure = '';
    for (const stream of [child.stdout!, child.stderr!]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (!ready && stream === child.stderr && line.startsWith(`${name}: `)) failure = line.slice(name.length + 2);
        else this.output.relay(line, isImportant(line));
      });
    }
    child.once('exit', (code, signal) => {
      this.forget(supervised);
      if (ready && !this.stopping) void this.stop(1, `${name} exited with ${signal ?? `code ${code}`}; stopping everything`);
    });
    return new Promise<ReadyReport>((resolve, reject) => {
      child.on('message', (message: ReadyReport) => {
        if (message?.type !== 'ready') return;
        ready = true;
        for (const [leaf, pid] of Object.entries(message.pids ?? {})) {
          this.pidFiles.write(leaf, pid);
          supervised.leaves.push(leaf);
        }
        resolve(message);
      });
      // 'close' comes after the child's output has been read to its end (its failure line included).
      child.once('close', (code, signal) => reject(new StartupError(failure || `${name} exited with ${signal ?? `code ${code}`} before it was ready`)));
    });
  }

  /** Stops every child, last started first, then exits with `code`. Safe to call more than once. */
  stop(code: number, reason?: string): Promise<never> {
    this.stopping ??= (async () => {
      if (reason) this.output.say(reason);
      for (const child of [...this.children].reverse()) await stopOne(child);
      this.cleanup();
      this.output.say('stopped');
      process.exit(code);
    })();
    return this.stopping;
  }

  private forget(child: Supervised): void {
    this.pidFiles.remove(child.name);
    child.leaves.forEach((leaf) => this.pidFiles.remove(leaf));
    this.children.splice(this.children.indexOf(child), 1);
  }
}

async function stopOne(child: Supervised): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_GRACE_MS);
  child.process.kill('SIGTERM');
  await child.exited;
  clearTimeout(timer);
}

/**
 * Whether a child's line belongs on the terminal before the banner: a JSON log record at warn or above, or a text
 * line that says warning, error, fatal or panic. The rest (start-up chatter) goes to the log file only.
 */
export function isImportant(line: string): boolean {
  if (line.startsWith('{')) {
    try {
      return Number((JSON.parse(line) as { level?: unknown }).level) >= 40;
    } catch {
      // not JSON after all: judged as text
    }
  }
  return /\b(warn|warning|error|fatal|panic)\b/i.test(line);
}
