import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { runKey } from '../domain/run';
import { RUN_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { projectRoot, toolPath } from '../services/common/runtime/project-root';

/** Shared plumbing of the time-skipping workflow tests and the bench: time moves only by `env.sleep`. */

const ROOT = projectRoot(); // also right when compiled into dist/ (the bench reuses this file)
export const HISTORIES_DIR = path.join(ROOT, 'test/workflows/histories');
export const DAY = 86_400_000;
export const HOUR = DAY / 24;

let runtimeInstalled = false;

/**
 * Keeps worker chatter (and expected "workflow failed" warnings) out of the test output; once per file (a test
 * that installed a runtime of its own, e.g. to capture the logs, keeps it).
 */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  try {
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
    });
  } catch {
    // already installed by the test itself
  }
  runtimeInstalled = true;
}

/** Starts the time-skipping server and registers the custom search attributes the workflows upsert. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: toolPath('temporal-test-server') } },
  });
  try {
    const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    await env.connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(Object.keys(RUN_SEARCH_ATTRIBUTES).map((name) => [name, keyword])),
    });
  } catch (error) {
    await env.teardown(); // the caller gets no env to tear down
    throw error;
  }
  return env;
}

/**
 * Bundles `workflowsPath` once per content: the bundle is cached on disk keyed by a hash of workflows/ and
 * domain/ sources, so the test files of one run (and later runs) pay the ~4.5 s bundling once.
 */
export async function workflowBundle(workflowsPath = path.join(ROOT, 'workflows')): Promise<WorkflowBundle> {
  const base = path.dirname(workflowsPath);
  const hash = createHash('sha256');
  for (const dir of ['workflows', 'domain']) {
    for (const file of listTs(path.join(base, dir))) hash.update(path.relative(base, file)).update(fs.readFileSync(file));
  }
  const cacheDir = path.join(os.tmpdir(), 'dunning-workflow-bundles');
  const cached = path.join(cacheDir, `${hash.digest('hex').slice(0, 24)}.js`);
  if (fs.existsSync(cached)) return { code: fs.readFileSync(cached, 'utf8') };
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, cached); // atomic: parallel Jest workers never read a half-written bundle
  return { code };
}

function listTs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listTs(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/**
 * With `RECORD_HISTORIES=1`, writes the run's history to test/workflows/histories/<name>.json in the
 * standard history JSON (`historyToJSON`: what the Temporal CLI and Web UI export), so a history downloaded
 * from a real cluster can be dropped in next to these and replayed the same way.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const json = historyToJSON(await handle.fetchHistory());
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(JSON.parse(json), null, 2)}\n`); // indented for review
}

/** Reads a recorded (or CLI/UI-exported) history file of test/workflows/histories/. */
export function readHistory(file: string): History {
  return historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

/** The idempotency key the run behind `handle` gives `parts` (the first execution's run id is in every key). */
export function runKeyOf(handle: WorkflowHandleWithFirstExecutionRunId, ...parts: (string | number)[]): string {
  return runKey({ workflowId: handle.workflowId, firstExecutionRunId: handle.firstExecutionRunId }, ...parts);
}

/** Whole hours between two epoch-ms times (workflow task times lag timers by a few ms). */
export function hoursBetween(from: number, to: number): number {
  return Math.round((to - from) / HOUR);
}

/**
 * A worker for the real workflows (the cached bundle; or the test-only workflows of `workflowsPath`, bundled as
 * they are) on `taskQueue` of the server at `address`, running until `stop()`: the one way the integration and e2e
 * tests start a worker (time-skipping tests use `withWorker`).
 */
export async function startWorker(
  taskQueue: string,
  activities: object,
  address = process.env.TEMPORAL_ADDRESS!,
  workflowsPath?: string,
): Promise<{ stop(): Promise<void> }> {
  installQuietRuntime();
  const [code, connection] = await Promise.all([workflowsPath ? undefined : workflowBundle(), NativeConnection.connect({ address })]);
  const worker = await Worker.create({ connection, taskQueue, activities, ...(code ? { workflowBundle: code } : { workflowsPath }) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** Runs `fn` while a worker polls `taskQueue` (one queue per test) with the given activities. */
export async function withWorker<T>(
  env: TestWorkflowEnvironment,
  workflowBundle: WorkflowBundle,
  taskQueue: string,
  activities: object,
  fn: () => Promise<T>,
): Promise<T> {
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });
  return worker.runUntil(fn);
}
