import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowCodeBundler } from '@temporalio/worker/lib/workflow/bundler';
import type { InvoiceDeadlineInput } from '../../domain/deadlines';
import { workflowSource, writeWorkflowBundle } from '../../services/worker/worker-options';
import type { invoiceDeadline } from '../../workflows';
import { fakeActivities } from '../../testkit/fake-activities';
import { createTimeSkippingEnv, DAY } from '../../testkit/time-skipping';

let env: TestWorkflowEnvironment;
let dir: string;
let bundleFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
  // What the image's build stage runs (`npm run build:image` → build-workflow-bundle-main → this function).
  [env, bundleFile] = await Promise.all([createTimeSkippingEnv(), writeWorkflowBundle(path.join(dir, 'workflow-bundle.js'))]);
}, 120_000);
afterAll(async () => {
  await env?.teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => jest.restoreAllMocks());

/** Runs one invoice deadline to its end on a worker built from `source`. */
async function runDeadline(source: ReturnType<typeof workflowSource>, taskQueue: string): Promise<unknown> {
  const fake = fakeActivities(env);
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, activities: fake.activities, ...source });
  const t0 = await env.currentTimeMs();
  const input: InvoiceDeadlineInput = {
    invoiceId: `in_${taskQueue}`, customerId: 'cus_1', dueDate: t0 + DAY, deadlines: [{ kind: 'invoice_overdue', days: 1 }], dayMs: DAY,
  };
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof invoiceDeadline>('invoiceDeadline', {
      taskQueue, workflowId: `deadline:invoice:${input.invoiceId}`, args: [input],
    });
    return handle.result();
  });
}

it('starts the worker from the prebuilt bundle without running webpack', async () => {
  expect(workflowSource(bundleFile)).toEqual({ workflowBundle: { codePath: bundleFile } });
  const bundling = jest.spyOn(WorkflowCodeBundler.prototype, 'createBundle');
  await expect(runDeadline(workflowSource(bundleFile), 'prebuilt')).resolves.toMatchObject({ status: 'done' });
  expect(bundling).not.toHaveBeenCalled();
}, 60_000);

it('bundles the sources at start when there is no prebuilt bundle (running from a checkout)', async () => {
  const source = workflowSource(path.join(dir, 'absent.js'));
  expect(source).toEqual({ workflowsPath: expect.stringMatching(/workflows/) });
  const bundling = jest.spyOn(WorkflowCodeBundler.prototype, 'createBundle');
  await expect(runDeadline(source, 'from-sources')).resolves.toMatchObject({ status: 'done' });
  expect(bundling).toHaveBeenCalledTimes(1);
}, 60_000);
