import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a running system answers, written by `up` into the data folder at start and read by the CLIs. */
export interface SystemAddresses {
  gatewayUrl: string;
  temporalUiUrl?: string;
  namespace: string;
  /** The `up` process: a file whose writer is gone describes no running system. */
  pid: number;
}

/** The one host name of every local link (banner, CLI, README): the servers listen on the loopback interface. */
export const LOCAL_HOST = 'localhost';

/** `http://localhost:<port>`. */
export function localUrl(port: number): string {
  return `http://${LOCAL_HOST}:${port}`;
}

/** The addresses file of a data folder. */
export function addressesFile(dataDir: string): string {
  return path.join(dataDir, 'run', 'addresses.json');
}

/** Records where the system answers (atomically, so a reader never sees half a file). */
export function writeAddresses(dataDir: string, addresses: SystemAddresses): void {
  const file = addressesFile(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(addresses, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes the addresses file (at a clean stop). */
export function removeAddresses(dataDir: string): void {
  fs.rmSync(addressesFile(dataDir), { force: true });
}

/** The addresses of the system running on this data folder, or undefined when none is (no file, or its `up` is gone). */
export function readAddresses(dataDir: string): SystemAddresses | undefined {
  let addresses: SystemAddresses;
  try {
    addresses = JSON.parse(fs.readFileSync(addressesFile(dataDir), 'utf8')) as SystemAddresses;
  } catch {
    return undefined;
  }
  return isAlive(addresses.pid) ? addresses : undefined;
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
