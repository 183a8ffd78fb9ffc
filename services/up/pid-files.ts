import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../common/runtime/system-addresses';

/** One process `up` started (directly, or through a child: the PostgreSQL server, the Temporal binary). */
export interface ProcessRecord {
  name: string;
  pid: number;
  command: string;
}

/** The command line of a live process, or undefined when there is none with this pid. */
export function commandOf(pid: number): string | undefined {
  if (!isAlive(pid)) return undefined;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * Pid files under `<data folder>/run/`: `up` writes one per process it starts and removes it when the process has
 * stopped, so a process left over by a crashed run is found — and named — at the next start.
 */
export class PidFiles {
  constructor(readonly dir: string) {}

  /** Records a started process. */
  write(name: string, pid: number): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const record: ProcessRecord = { name, pid, command: commandOf(pid) ?? '' };
    fs.writeFileSync(this.file(name), `${JSON.stringify(record)}\n`);
  }

  /** Forgets a stopped process. */
  remove(name: string): void {
    fs.rmSync(this.file(name), { force: true });
  }

  /** The recorded processes still running with the same command line (a reused pid is not a leftover). */
  leftovers(): ProcessRecord[] {
    if (!fs.existsSync(this.dir)) return [];
    const records: ProcessRecord[] = [];
    for (const entry of fs.readdirSync(this.dir).filter((name) => name.endsWith('.pid'))) {
      const file = path.join(this.dir, entry);
      let record: ProcessRecord;
      try {
        record = JSON.parse(fs.readFileSync(file, 'utf8')) as ProcessRecord;
      } catch {
        continue;
      }
      if (record.pid !== process.pid && commandOf(record.pid) === record.command && record.command) records.push(record);
      else fs.rmSync(file, { force: true });
    }
    return records;
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.pid`);
  }
}
