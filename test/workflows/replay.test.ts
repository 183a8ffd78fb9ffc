import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { HISTORIES_DIR, installQuietRuntime, loadHistory, workflowBundle } from '../support/time-skipping';

/**
 * Every history recorded by the workflow tests (re-record: `RECORD_HISTORIES=1 npx jest --selectProjects
 * workflows`) must replay against today's workflow code. A change that alters the commands of a shipped
 * run must be guarded with `patched()` — the last two tests prove the suite catches one that is not.
 */

const ROOT = path.resolve(__dirname, '../..');
const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];
const load = loadHistory;

beforeAll(installQuietRuntime);

const MARKER = '    ctx.tagRun();\n';

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
  fs.writeFileSync(file, source.replace(MARKER, `${MARKER}${change}\n`).replace("import { log } from '@temporalio/workflow';", "import { log, patched, sleep } from '@temporalio/workflow';"));
  try {
    return await workflowBundle(path.join(dir, 'workflows'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it('has recorded histories to replay', () => {
  expect(files).toEqual(expect.arrayContaining(['recipe1-exhausted.json', 'recipe1-paid-on-retry-3.json', 'recipe1-paid-during-grace.json', 'invoice-deadline.json']));
});

it.each(files)('replays %s against the current workflow code', async (file) => {
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, load(file), file);
}, 30_000);

it('fails to replay after an unguarded change to the workflow code', async () => {
  const changed = await bundleVariant('unguarded', "    await sleep('1 hour');");
  await expect(Worker.runReplayHistory({ workflowBundle: changed }, load('recipe1-exhausted.json'))).rejects.toThrow(DeterminismViolationError);
}, 60_000);

it('replays the same change once it is guarded with patched()', async () => {
  const guarded = await bundleVariant('patched', "    if (patched('extra-hour')) await sleep('1 hour');");
  await Worker.runReplayHistory({ workflowBundle: guarded }, load('recipe1-exhausted.json'));
}, 60_000);
