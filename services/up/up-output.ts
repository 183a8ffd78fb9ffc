import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UpOutput } from './supervisor';

/** `up`'s output with a switch: until `goLive()` the terminal shows up's lines and the children's important ones. */
export interface LiveOutput extends UpOutput {
  /** From now on every child line reaches the terminal too (called with the banner). */
  goLive(): void;
  /** Text as it is (the banner). */
  write(text: string): void;
  logFile: string;
}

/**
 * Writes up's lines and everything the children print to a log file, and to the terminal what reads well there:
 * the stages, warnings and errors, then (after the banner) everything. Writes never throw: the terminal may be
 * gone (closed, or a `| tee` that quit on Ctrl-C) while `up` still has its children to stop.
 */
export function createUpOutput(logFile: string, showEverything: boolean): LiveOutput {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile, { flags: 'w' });
  log.on('error', () => undefined);
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  let live = showEverything;
  const terminal = (text: string) => {
    if (process.stdout.writable) process.stdout.write(text);
  };
  return {
    logFile,
    say(line) {
      log.write(`up: ${line}\n`);
      terminal(`up: ${line}\n`);
    },
    relay(line, important) {
      log.write(`${line}\n`);
      if (live || important) terminal(`${line}\n`);
    },
    goLive() {
      live = true;
    },
    write(text) {
      log.write(text);
      terminal(text);
    },
  };
}
