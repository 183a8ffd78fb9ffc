import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { testSecret } from '../../testkit/test-secrets';
import { KEY, startAdminApp, type AdminApp } from './admin-helpers';

/*
 * schemathesis 4 (scripts/setup-schemathesis.sh installs it into .tools/schemathesis; `make test` runs that
 * script) against the running gateway's own /openapi.json and /graphql with the admin key, on a database of its
 * own that is dropped afterwards (schemathesis creates and deletes what it likes): no 5xx (nor a GraphQL error
 * that is not a refusal of the input), no status code or content type the document does not list, every response
 * body as documented. Bounded: a fixed seed, at most 15 examples per operation and phase, and a time budget per
 * schema (fuzzing repeats until it is spent), SCHEMATHESIS_BUDGET_S seconds in all.
 */
const ROOT = path.resolve(__dirname, '../..');
const ST = path.join(ROOT, '.tools/schemathesis/bin/st');
const BUDGET_S = Number(process.env.SCHEMATHESIS_BUDGET_S ?? 150);
const OPENAPI_S = Math.max(1, Math.round(BUDGET_S * 0.65));
const GRAPHQL_S = Math.max(1, BUDGET_S - OPENAPI_S);
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance';

jest.setTimeout((BUDGET_S + 120) * 1000);

/** Runs `st run` on one schema; answers its exit code, its output and the number of operations it tested. */
async function schemathesis(location: string, budgetS: number, extra: string[] = []) {
  const reports = mkdtempSync(path.join(tmpdir(), 'schemathesis-'));
  try {
    const args = [
      'run', location, '--header', `Authorization: Bearer ${KEY}`, '--checks', CHECKS,
      '--seed', '20261201', '--max-examples', '15', '--max-time', String(budgetS), '--workers', '1',
      // One worker: with two threads, hypothesis's concurrent ast.parse of its lambdas hits CPython 3.11's AST
      // recursion-depth race now and then (SystemError "AST constructor recursion depth mismatch")
      // and an operation ends as an error, not a finding.
      '--generation-database', 'none', '--no-color', '--output-truncate', 'true',
      '--report-junit-path', path.join(reports, 'junit.xml'), ...extra,
    ];
    const env = { ...process.env, SCHEMATHESIS_HOOKS: path.join(__dirname, 'schemathesis-hooks.py') };
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(ST, args, { cwd: reports, env });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ code: status, output: text }));
    });
    if (process.env.SCHEMATHESIS_OUTPUT) writeFileSync(`${process.env.SCHEMATHESIS_OUTPUT}.${path.basename(location)}.txt`, output);
    const junit = existsSync(path.join(reports, 'junit.xml')) ? readFileSync(path.join(reports, 'junit.xml'), 'utf8') : '';
    return { code, output, operations: Number(/tests="(\d+)"/.exec(junit)?.[1] ?? 0) };
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}

describe('schemathesis against the gateway', () => {
  let api: AdminApp;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(ST)) throw new Error('schemathesis is missing: run bash scripts/setup-schemathesis.sh (make test does)');
    // Its thousands of refused requests would each be a warn line; a 5xx is still logged (error).
    api = await startAdminApp({
      DISPATCHER_ENABLED: 'false', LOG_LEVEL: 'error', STRIPE_WEBHOOK_SECRETS: testSecret('whsec_schemathesis'),
      RATE_LIMIT_ADMIN: '1000000', RATE_LIMIT_INGEST: '1000000',
    });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('/openapi.json: no server error, undocumented status code or content type, or non-conforming response', async () => {
    const run = await schemathesis(`${base}/openapi.json`, OPENAPI_S, ['--phases', 'examples,coverage,fuzzing']);
    expect([run.code, run.code === 0 ? '' : run.output.slice(-8000)]).toEqual([0, '']);
    expect(run.operations).toBeGreaterThanOrEqual(50); // every REST operation was exercised
  });

  it('/graphql: no server error and every response as the schema says', async () => {
    const run = await schemathesis(`${base}/graphql`, GRAPHQL_S);
    expect([run.code, run.code === 0 ? '' : run.output.slice(-8000)]).toEqual([0, '']);
    expect(run.operations).toBeGreaterThanOrEqual(25); // every query and mutation was exercised
  });
});
