import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** A running stripe-mock (github.com/stripe/stripe-mock) on a free local port. */
export interface StripeMock {
  port: number;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
/** Where scripts/setup-stripe-mock.sh puts the binary. */
export const STRIPE_MOCK_BIN = path.join(ROOT, '.tools/bin/stripe-mock');

/** Builds stripe-mock if needed (idempotent; ~25 s cold from the Go module proxy), then starts it. */
export async function startStripeMock(timeoutMs = 15_000): Promise<StripeMock> {
  if (!existsSync(STRIPE_MOCK_BIN)) {
    execFileSync(path.join(ROOT, 'scripts/setup-stripe-mock.sh'), { stdio: 'inherit', timeout: 300_000 });
  }
  // Both listeners on port 0: parallel runs (and other engineers' stripe-mocks) never collide on 12111/12112.
  const child = spawn(STRIPE_MOCK_BIN, ['-http-addr', '127.0.0.1:0', '-https-addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`stripe-mock did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Listening for HTTP at address: [^\s]*:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`stripe-mock exited with ${code}:\n${output}`)));
  });
  return { port, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
