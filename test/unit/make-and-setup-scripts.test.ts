import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const makefile = fs.readFileSync(path.join(root, 'Makefile'), 'utf8');
/** PATH for the scripts: this Node first (the project's), then the system's tools. */
const PATH = `${path.dirname(process.execPath)}:${process.env.PATH}`;

/** The rule names of the Makefile (not variable assignments, not file targets). */
const ruleNames = () => [...makefile.matchAll(/^([A-Za-z0-9_-]+):(?!=)/gm)].map((m) => m[1]);

describe('make help', () => {
  it('lists every target of the Makefile, and they are all phony', () => {
    const help = spawnSync('make', ['-s', '-f', path.join(root, 'Makefile'), 'help'], { cwd: root, encoding: 'utf8', env: { ...process.env, PATH } });
    expect(help.status).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}make (\S+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(ruleNames());
    expect(listed).toContain('test-e2e');
    const phony = /^\.PHONY: (.*)$/m.exec(makefile)![1].split(/\s+/);
    expect([...phony].sort()).toEqual([...ruleNames()].sort());
  });

  it('checks the requirements of `make up` and `make test` before installing anything', () => {
    const prerequisites = (target: string) => new RegExp(`^${target}: (.*?) ##`, 'm').exec(makefile)![1].split(' ');
    expect(prerequisites('up')[0]).toBe('check-up');
    expect(prerequisites('test')[0]).toBe('check-test');
    expect(prerequisites('test-e2e')[0]).toBe('check-test');
  });
});

describe('scripts/check-requirements.sh', () => {
  /** A copy of the script with package.json in a project folder of its own (no .tools unless asked). */
  function project(withStripeMock: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'requirements-'));
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.copyFileSync(path.join(root, 'scripts/check-requirements.sh'), path.join(dir, 'scripts/check-requirements.sh'));
    fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
    if (withStripeMock) {
      fs.mkdirSync(path.join(dir, '.tools/bin'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.tools/bin/stripe-mock'), '#!/bin/sh\n', { mode: 0o755 });
    }
    return dir;
  }
  const check = (dir: string, command: string, env: Record<string, string> = {}) =>
    spawnSync('bash', [path.join(dir, 'scripts/check-requirements.sh'), command], { encoding: 'utf8', env: { ...process.env, PATH, ...env } });

  it('stops `make test` without Go with one line saying Go is needed and why', () => {
    const dir = project(false);
    const result = check(dir, 'test', { GO: 'no-such-go' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'test: needs go        MISSING: Go builds stripe-mock, the Stripe API peer of the Stripe contract tests; install Go 1.22+ (https://go.dev/dl/) or put a stripe-mock binary at .tools/bin/stripe-mock',
    ]);
    expect(result.stdout).toMatch(/^test: needs node {6}v\d+/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs no Go when stripe-mock is already built, and none for `make up`', () => {
    const dir = project(true);
    expect(check(dir, 'test', { GO: 'no-such-go' })).toMatchObject({ status: 0 });
    expect(check(dir, 'test', { GO: 'no-such-go' }).stdout).toContain('test: needs go        not needed: stripe-mock (Stripe contract tests) is already in .tools/bin');
    const bare = project(false);
    const up = check(bare, 'up', { GO: 'no-such-go' });
    expect(up.status).toBe(0);
    expect(up.stdout).not.toContain('needs go');
    for (const d of [dir, bare]) fs.rmSync(d, { recursive: true, force: true });
  });

  it('names a missing python3 with the fix when the Temporal toolchain is not installed yet', () => {
    const dir = project(false);
    const result = check(dir, 'up', { PYTHON: 'no-such-python3' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^up: needs python3 {3}MISSING: Python 3 with venv and pip installs the Temporal CLI .* \(Debian: apt-get install python3-venv\)$/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('scripts/stage.sh', () => {
  const stage = (...args: string[]) => spawnSync('bash', [path.join(root, 'scripts/stage.sh'), ...args], { encoding: 'utf8' });

  it('prints one line per stage with its time, and the stage output only when it fails', () => {
    const ok = stage('up', 'npm packages', 'bash', '-c', 'echo lots of npm output');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^up: npm packages {4}ready \(\d+\.\d s\)\n$/);
    const failed = stage('test', 'Temporal tools', 'bash', '-c', 'echo "setup-tools: python3 is required" >&2; exit 3');
    expect(failed.status).toBe(3);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/^setup-tools: python3 is required\ntest: Temporal tools failed after \d+\.\d s\n$/);
  });
});
