import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive, readAddresses, writeAddresses } from '../../services/common/runtime/system-addresses';
import { PidFiles } from '../../services/up/pid-files';
import { isImportant } from '../../services/up/supervisor';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'up-unit-'));

describe('pid files of `up`', () => {
  it('names a process left over by an earlier run, and forgets dead or reused pids', async () => {
    const dir = tempDir();
    const files = new PidFiles(dir);
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    await new Promise((resolve) => sleeper.once('spawn', resolve));
    files.write('worker', sleeper.pid!);
    fs.writeFileSync(path.join(dir, 'gateway.pid'), JSON.stringify({ name: 'gateway', pid: sleeper.pid, command: 'node other.js' }));
    fs.writeFileSync(path.join(dir, 'temporal.pid'), JSON.stringify({ name: 'temporal', pid: 2 ** 22 + 7, command: 'temporal' }));

    expect(files.leftovers()).toEqual([{ name: 'worker', pid: sleeper.pid, command: 'sleep 300' }]);
    expect(fs.readdirSync(dir)).toEqual(['worker.pid']); // the reused pid and the dead one are forgotten

    sleeper.kill('SIGKILL');
    await new Promise((resolve) => sleeper.once('exit', resolve));
    expect(isAlive(sleeper.pid!)).toBe(false);
    expect(files.leftovers()).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the addresses file the CLIs read', () => {
  it('describes a running system only while the `up` that wrote it lives', async () => {
    const dir = tempDir();
    writeAddresses(dir, { gatewayUrl: 'http://localhost:3400', temporalUiUrl: 'http://localhost:8600', namespace: 'default', pid: process.pid });
    expect(readAddresses(dir)).toMatchObject({ gatewayUrl: 'http://localhost:3400', temporalUiUrl: 'http://localhost:8600' });

    const gone = spawn('true');
    await new Promise((resolve) => gone.once('exit', resolve));
    writeAddresses(dir, { gatewayUrl: 'http://localhost:3400', namespace: 'default', pid: gone.pid! });
    expect(readAddresses(dir)).toBeUndefined();
    expect(readAddresses(path.join(dir, 'nothing-here'))).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('what `up` shows before the banner', () => {
  it('shows warnings and errors, keeps start-up chatter for the log file', () => {
    expect(isImportant(JSON.stringify({ level: 30, msg: 'Mapped {/v1/runs, GET} route' }))).toBe(false);
    expect(isImportant('2026-12-01T10:27:30.349Z [INFO] asset workflow-bundle.js 1.75 MiB')).toBe(false);
    expect(isImportant('  modules by path ./node_modules/ 464 KiB')).toBe(false);
    expect(isImportant(JSON.stringify({ level: 40, msg: 'slow' }))).toBe(true);
    expect(isImportant(JSON.stringify({ level: 50, msg: 'boom' }))).toBe(true);
    expect(isImportant('temporal server: {"level":"ERROR","msg":"x"}')).toBe(true);
    expect(isImportant('Error: connect ECONNREFUSED 127.0.0.1:7233')).toBe(true);
  });
});
