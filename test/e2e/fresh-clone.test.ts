import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../../services/common/runtime/system-addresses';
import { findFreePort } from '../../services/common/runtime/ports';
import { cleanEnv, recordedPids, startUp, waitForOutput, waitUntilGone } from '../support/up-process';

// A first `make up` of a clone: the build, initdb, the workflow bundle. npm packages come from this checkout.
jest.setTimeout(600_000);

const root = path.resolve(__dirname, '../..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

/** A clone of this repository with the working tree's changes on top (the code under test, committed or not). */
function cloneInto(dir: string): void {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, dir]);
  for (const file of git('ls-files', '--modified', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean)) {
    if (!fs.existsSync(path.join(root, file))) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  for (const file of git('ls-files', '--deleted', '-z').split('\0').filter(Boolean)) fs.rmSync(path.join(dir, file), { force: true });
  // What a first `make up` would download, taken from this checkout: the npm packages hard-linked (the same files,
  // at paths inside the private folder, as `npm ci` would put them), the shared toolchain folder linked.
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  fs.symlinkSync(fs.realpathSync(path.join(root, '.tools')), path.join(dir, '.tools'));
}

describe('a fresh clone in a private (700) folder', () => {
  let home: string | undefined;
  afterAll(() => home && fs.rmSync(home, { recursive: true, force: true }));

  it('starts with `make up`, is found by the CLI without any variable, and Ctrl-C stops every process', async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'private-home-'));
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    const clone = path.join(home, 'project');
    cloneInto(clone);

    const ports = { PORT: String(await findFreePort()), TEMPORAL_DEV_PORT: String(await findFreePort()), TEMPORAL_UI_PORT: String(await findFreePort()) };
    const up = startUp({ ...ports, SEED_DEMO: 'true', DAY_DURATION: '2s' }, { cwd: clone, command: ['make', '--no-print-directory', 'up'], detached: true });
    try {
      const [, seconds] = await waitForOutput(up, /Ready in ([\d.]+) s/, 540_000);
      await waitForOutput(up, /Press Ctrl-C to stop\./);
      process.stdout.write(`fresh clone in a private folder: ready in ${seconds} s after the build\n`);
      if (os.userInfo().uid === 0) {
        // PostgreSQL runs as the `postgres` OS user: the private folder was opened for it (traversal only), and said so.
        expect(up.output()).toMatch(new RegExp(`^up: database +(made|let the postgres OS user traverse) [^\\n]*${home}`, 'm'));
      }
      expect(up.output()).toMatch(/^up: npm packages +ready \(/m);
      expect(up.output()).toMatch(/^up: Temporal tools +ready \(/m);
      expect(up.output()).toMatch(/^up: needs node /m); // requirements first, one line each

      // A second terminal: none of the variables that moved the system, in the clone.
      const trigger = spawnSync('npm', ['run', '--silent', 'trigger', '--', 'annual-dunning', '--wait', '60'], {
        cwd: clone,
        env: cleanEnv(),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(trigger.stderr).toBe('');
      expect(trigger.stdout).toContain(`web UI    http://localhost:${ports.TEMPORAL_UI_PORT}/namespaces/default/workflows?query=InvoiceId`);
      expect(trigger.stdout).toMatch(/^run {7}run:\S+ {2}\(running\)$/m);

      const pids = recordedPids(path.join(clone, '.data'));
      expect(Object.keys(pids)).toEqual(expect.arrayContaining(['up', 'postgres-server', 'temporal-server', 'worker', 'gateway']));
      process.kill(-up.child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole foreground group (make and up)
      await up.exited;
      await waitUntilGone(Object.values(pids), 60_000);
      expect(Object.values(pids).filter(isAlive)).toEqual([]);
    } catch (error) {
      process.stdout.write(`make up printed:\n${up.output()}\n`);
      throw error;
    } finally {
      if (up.child.exitCode === null && up.child.signalCode === null) process.kill(-up.child.pid!, 'SIGKILL');
    }
  });
});
