import * as net from 'node:net';
import { StartupError } from './startup-error';

/** Raised when a port the system needs is taken; the message says what to do. */
export class PortInUseError extends StartupError {
  override name = 'PortInUseError';
}

/** Resolves when `port` can be bound on `host`, rejects with a PortInUseError naming what wanted it. */
export function assertPortFree(port: number, what: string, hint: string, host = '0.0.0.0'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new PortInUseError(`Port ${port} (${what}) is already in use: ${hint}`));
      } else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/** Asks the OS for a free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until something accepts TCP connections on host:port, or fails after `timeoutMs`. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
