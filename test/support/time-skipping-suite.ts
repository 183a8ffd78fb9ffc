import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { createTimeSkippingEnv, workflowBundle } from '../../testkit/time-skipping';

/** What a time-skipping test file shares: one server and one bundle, made before its tests and torn down after. */
export interface TimeSkippingSuite {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundle;
}

/**
 * Registers the `beforeAll`/`afterAll` pair every time-skipping test file needs and hands the ready server and
 * bundle to `ready` (so the file keeps its own `env`/`bundle` variables).
 */
export function useTimeSkipping(ready: (suite: TimeSkippingSuite) => void): void {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    const [created, bundle] = await Promise.all([createTimeSkippingEnv(), workflowBundle()]);
    env = created;
    ready({ env, bundle });
  });
  afterAll(() => env?.teardown());
}
