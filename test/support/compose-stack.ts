import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** One service of a compose file as compose resolves it (scripts/compose-config prints these). */
export interface ResolvedService {
  image?: string;
  build: boolean;
  command?: string[];
  entrypoint?: string[];
  /** null: listed but unset where compose ran, so the container does not get the variable at all. */
  environment: Record<string, string | null>;
  healthcheck?: string[];
  depends_on?: Record<string, string>;
  secrets?: string[];
  ports?: string[];
}

/** Resolves compose files with compose-go (built into .tools/bin on first use) in a clean environment. */
export function resolveCompose(files: string[], env: Record<string, string> = {}): Record<string, ResolvedService> {
  execFileSync(path.join(root, 'scripts/setup-compose-config.sh'), { stdio: 'inherit', timeout: 300_000 });
  const args = files.flatMap((file) => ['-f', path.join(root, file)]);
  const out = execFileSync(path.join(root, '.tools/bin/compose-config'), args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
  });
  return (JSON.parse(out) as { services: Record<string, ResolvedService> }).services;
}

/** The set variables of a resolved environment (unset ones left out, as the container would see it). */
export function setVariables(environment: ResolvedService['environment']): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** What the Dockerfile's build stage copies from the checkout (its `COPY src… dest` lines without `--from`). */
function buildStageSources(): string[] {
  const dockerfile = fs.readFileSync(path.join(root, 'docker', 'Dockerfile'), 'utf8');
  const stage = dockerfile.split(/^FROM /m).find((part) => /\bAS build\b/i.test(part.split('\n')[0])) ?? '';
  return [...new Set(stage.split('\n').filter((line) => /^COPY (?!--)/.test(line)).flatMap((line) => line.split(/\s+/).slice(1, -1)))];
}

/**
 * Lays out a directory as the image's build stage does (sources copied, `npm run build:image`), with this
 * checkout's node_modules linked in, and returns it: the services' commands run from there as from /app.
 */
export function buildImageLayout(dir: string): string {
  for (const entry of buildStageSources()) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync('npm', ['run', '--silent', 'build:image'], { cwd: dir, stdio: 'pipe', timeout: 300_000 }); // output is in the error if it fails
  return dir;
}

/** A started service process with what it printed so far. */
export interface ServiceProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `command` in `cwd` with exactly `env` (plus PATH, as the image's own environment provides). */
export function startService(command: string[], cwd: string, env: Record<string, string>): ServiceProcess {
  let output = '';
  const [file, ...args] = command;
  const child = spawn(file === 'node' ? process.execPath : file, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Stops a service with SIGTERM (SIGKILL after 15 s) and waits for it. */
export async function stopService(service: ServiceProcess | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
  service.child.kill('SIGTERM');
  await service.exited;
  clearTimeout(timer);
}

/** Polls `check` until it is true; throws with `describe()` once the deadline passes or `service` exits. */
export async function waitUntil(check: () => Promise<boolean>, describe: () => string, service?: ServiceProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service?.exited.then(() => (exited = true));
  for (;;) {
    if (await check().catch(() => false)) return;
    if (exited || Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
