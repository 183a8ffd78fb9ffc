import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const CALLS = path.join(__dirname, 'openapi-client/calls.ts');

/** Runs a Node CLI of the repository's node_modules; answers its exit code and output. */
function run(bin: string, args: string[], cwd: string) {
  const out = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', bin), ...args], { cwd, encoding: 'utf8' });
  return { status: out.status, output: `${out.stdout}${out.stderr}` };
}

describe('/openapi.json as a typed client (openapi-typescript + openapi-fetch)', () => {
  let api: AdminApp;
  let dir: string;
  let document: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
    document = (await request(api.app.getHttpServer()).get('/openapi.json').expect(200)).body;
    dir = mkdtempSync(path.join(tmpdir(), 'openapi-client-'));
    writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document));
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', skipLibCheck: true,
        lib: ['ES2023', 'DOM'], types: [], paths: { 'openapi-fetch': [path.join(ROOT, 'node_modules/openapi-fetch')] },
      },
      files: ['calls.ts'],
    }));
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates a client, and a typed call of every operation compiles (wrong bodies do not)', () => {
    const generated = run('openapi-typescript/bin/cli.js', ['openapi.json', '-o', 'api.ts', '--default-non-nullable=false'], dir);
    expect([generated.status, generated.output]).toEqual([0, expect.any(String)]);
    copyFileSync(CALLS, path.join(dir, 'calls.ts'));
    const compiled = run('typescript/bin/tsc', ['-p', '.'], dir);
    expect(compiled.output).toBe('');
    expect(compiled.status).toBe(0);

    // The types bite: without the @ts-expect-error markers the refused calls fail to compile.
    writeFileSync(path.join(dir, 'calls.ts'), readFileSync(CALLS, 'utf8').replaceAll('// @ts-expect-error', '//'));
    const refused = run('typescript/bin/tsc', ['-p', '.'], dir);
    expect(refused.status).not.toBe(0);
    expect(refused.output.match(/error TS/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('calls every documented operation, and only those', () => {
    const source = readFileSync(CALLS, 'utf8');
    const called = [...source.matchAll(/^ {2}'(get|post|patch|delete) ([^']+)':/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    const documented = Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).sort();
    expect(called).toEqual(documented);
  });
});
