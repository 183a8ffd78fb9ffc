import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { HISTORIES_DIR, installQuietRuntime, readHistory, workflowBundle } from '../../testkit/time-skipping';

/**
 * Every history recorded by the workflow tests (re-record: `RECORD_HISTORIES=1 npx jest --selectProjects
 * workflows`), in the standard history JSON that `temporal workflow show --output json` and the Web UI
 * export, must replay against today's workflow code. A change that alters the commands of a shipped run
 * must be guarded with `patched()` — the last two tests prove the suite catches one that is not.
 */

const ROOT = path.resolve(__dirname, '../..');
const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

/** Replays histories on one replay worker; `[file, error message]` for each that did not replay. */
async function replayFailures(bundle: WorkflowBundle, names: string[]): Promise<[string, Error][]> {
  const histories = names.map((file) => ({ workflowId: `replay:${file}`, history: readHistory(file) }));
  const failures: [string, Error][] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
    replayed++;
    if (result.error) failures.push([result.workflowId.slice('replay:'.length), result.error]);
  }
  expect(replayed).toBe(names.length);
  return failures;
}

beforeAll(installQuietRuntime);

const MARKER = '  const { plan } = ctx;\n';

/** Bundles a copy of workflows/ + domain/ where `change` is inserted after the run's first statement. */
async function bundleVariant(name: string, change: string): Promise<WorkflowBundle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `replay-${name}-`));
  for (const sub of ['workflows', 'domain']) fs.cpSync(path.join(ROOT, sub), path.join(dir, sub), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(dir, 'activities')); // workflows import activities as types only
  fs.writeFileSync(path.join(dir, 'activities/index.ts'), 'export type Activities = any;\nexport type RunRecord = any;\n');
  const file = path.join(dir, 'workflows/automation-run.workflow.ts');
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes(MARKER)) throw new Error('automation-run.workflow.ts changed: update MARKER in replay.test.ts');
  fs.writeFileSync(file, source.replace(MARKER, `${MARKER}${change}\n`).replace("import { ApplicationFailure, log } from '@temporalio/workflow';", "import { ApplicationFailure, log, patched, sleep } from '@temporalio/workflow';"));
  try {
    return await workflowBundle(path.join(dir, 'workflows'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('has recorded histories to replay', () => {
  expect(files).toEqual(expect.arrayContaining(['recipe1-exhausted.json', 'recipe1-paid-on-retry-3.json', 'recipe1-paid-during-grace.json', 'invoice-deadline.json']));
});

it.each(files)('stores %s in the standard history JSON (historyToJSON round-trips it)', (file) => {
  const stored: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8'));
  expect(JSON.parse(historyToJSON(readHistory(file)))).toEqual(stored);
});

it('replays every recorded history against the current workflow code', async () => {
  const failures = await replayFailures(await workflowBundle(), files);
  expect(failures.map(([file, error]) => `${file}: ${error.message}`)).toEqual([]);
}, 60_000);

it('fails to replay after an unguarded change to the workflow code', async () => {
  const changed = await bundleVariant('unguarded', "    await sleep('1 hour');");
  const failures = await replayFailures(changed, ['recipe1-exhausted.json', 'recipe3-cancellation.json']);
  expect(failures.map(([file]) => file)).toEqual(['recipe1-exhausted.json', 'recipe3-cancellation.json']);
  for (const [, error] of failures) expect(error).toBeInstanceOf(DeterminismViolationError);
}, 60_000);

it('replays the same change once it is guarded with patched()', async () => {
  const guarded = await bundleVariant('patched', "    if (patched('extra-hour')) await sleep('1 hour');");
  expect(await replayFailures(guarded, ['recipe1-exhausted.json', 'recipe3-cancellation.json'])).toEqual([]);
}, 60_000);
