import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/check-log-secrets.mjs');

/** scripts/check-log-secrets.mjs (the full run's log search) on a log and a secrets list of our making. */
describe('the log search for test secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-secrets-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const key = 'admin-key-0123456789abcdef01234567';
  const run = (log: string[], secrets: string[], ...args: string[]) => {
    fs.writeFileSync(path.join(dir, 'out.log'), log.join('\n'));
    fs.writeFileSync(path.join(dir, 'secrets.txt'), secrets.map((s) => `${s}\n`).join(''));
    return spawnSync(process.execPath, [script, path.join(dir, 'out.log'), path.join(dir, 'secrets.txt'), ...args], { encoding: 'utf8' });
  };
  const redacted = '{"level":40,"req":{"headers":{"authorization":"[Redacted]"}},"msg":"request completed"}';

  it('passes when no recorded secret is in any line', () => {
    const res = run([redacted, 'PASS e2e test/e2e/x.test.ts'], [key], '--min-secrets', '1', '--min-request-lines', '1');
    expect([res.status, res.stdout.trim()]).toEqual([0, 'log secrets: 2 lines (1 gateway request lines) searched for 1 test secrets: none found']);
  });

  it('fails on a secret in any line, naming the line and the secret without printing it', () => {
    const res = run([redacted, `{"req":{"headers":{"x-api-key":"${key}"}}}`], ['whsec_old-aaaaaaaaaaaaaaaaaaaaaaaa', key]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('line 2: the test secret admin-key-…');
    expect(res.stderr + res.stdout).not.toContain(key);
  });

  it('fails when it would search nothing: too few secrets recorded or too few request lines captured', () => {
    const res = run(['PASS'], [], '--min-secrets', '20', '--min-request-lines', '100');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/only 0 test secrets were recorded[\s\S]*only 0 gateway request lines/);
  });
});
