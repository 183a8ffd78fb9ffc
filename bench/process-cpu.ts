import * as fs from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on every mainstream Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** utime + stime of the process, and cutime + cstime of its children already reaped. */
  ticks: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds a process and all its descendants have used so far (PostgreSQL's backends are children of
 * its postmaster; ended ones count through their parent), or undefined off Linux.
 */
export function treeCpuMs(root: number): number | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  const all = new Map<number, ProcStat>();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = procStat(pid);
    if (stat) all.set(pid, stat);
  }
  if (!all.has(root)) return undefined;
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = all.get(p)?.ppid, hops++) if (p === root) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, stat] of all) if (inTree(pid)) ticks += stat.ticks;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU used per named process tree between `start()` and `stop()`, divided by a count (ms per event). */
export function cpuMeter(pids: Record<string, number>): { stop(count: number): string | undefined } {
  const read = () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuMs(pid)]));
  const before = read();
  return {
    stop(count) {
      const after = read();
      const parts = Object.keys(pids).flatMap((name) => {
        const a = after[name];
        const b = before[name];
        return a === undefined || b === undefined ? [] : [`${name} ${((a - b) / Math.max(1, count)).toFixed(2)}`];
      });
      return parts.length > 0 ? `CPU ms per event: ${parts.join(', ')}` : undefined;
    },
  };
}
