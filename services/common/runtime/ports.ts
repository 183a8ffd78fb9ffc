import * as fs from 'node:fs';
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

/** The first port of the OS's range for outgoing connections (Linux: /proc/sys/net/ipv4/ip_local_port_range), or undefined. */
function ephemeralRangeStart(): number | undefined {
  try {
    const start = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `port` can be bound on the loopback interface right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The lowest port findFreePort picks from, and the room kept above the pick (Temporal's dev server also binds its HTTP API at the gRPC port + 1000). */
const LOWEST_PICK = 10_000;
const ROOM_ABOVE = 1_001;

/**
 * A free TCP port on the loopback interface for a server started a moment later. It is picked below the OS's
 * range for outgoing connections where there is one: a port from that range (what `listen(0)` gives) can be
 * taken as the local port of any client connection opened meanwhile, and the server then fails to bind.
 */
export async function findFreePort(): Promise<number> {
  const start = ephemeralRangeStart();
  if (start !== undefined && start - ROOM_ABOVE > LOWEST_PICK) {
    for (let tries = 0; tries < 50; tries++) {
      const port = LOWEST_PICK + Math.floor(Math.random() * (start - ROOM_ABOVE - LOWEST_PICK));
      if (await canListen(port)) return port;
    }
  }
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
