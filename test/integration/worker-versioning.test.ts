import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { NO_PRUNE_COUNTS } from '../../domain/retention';
import { parseEnv } from '../../services/common/config/app.config';
import { workerTuning } from '../../services/worker/worker-options';
import { installQuietRuntime, workflowBundle } from '../../testkit/time-skipping';
import { eventually, temporalClient } from '../support/ingestion-app';

/*
 * WORKER_DEPLOYMENT_NAME + WORKER_BUILD_ID, through the worker's own options (workerTuning), on the real dev
 * server: the worker registers as that deployment version, and once the version is made current a workflow runs
 * on it with the configured behaviour (pinned), as docs/temporal-clusters.md tells operators to roll out builds.
 */
describe('worker deployment versioning', () => {
  const taskQueue = `versioning-${randomUUID()}`;
  const deploymentName = `dunning-${randomUUID()}`;
  const config = parseEnv({ ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, WORKER_DEPLOYMENT_NAME: deploymentName, WORKER_BUILD_ID: 'build-1', WORKER_VERSIONING_BEHAVIOR: 'pinned' });
  let client: Client;
  let connection: NativeConnection;

  beforeAll(async () => {
    installQuietRuntime();
    client = await temporalClient();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  });
  afterAll(async () => {
    await connection?.close();
    await client?.connection.close();
  });

  it('polls as the configured deployment version, and runs workflows pinned to it once it is current', async () => {
    const worker = await Worker.create({
      connection, taskQueue, workflowBundle: await workflowBundle(), ...workerTuning(config.workerTuning),
      activities: { pruneRetentionBatch: async () => ({ cutoffs: { data: 0, cardAttempts: 0 }, counts: NO_PRUNE_COUNTS, done: true }) },
    });
    await worker.runUntil(async () => {
      await eventually(async () => {
        const { workerDeploymentInfo } = await client.workflowService.describeWorkerDeployment({ namespace: 'default', deploymentName });
        return workerDeploymentInfo?.versionSummaries?.some((v) => v.deploymentVersion?.buildId === 'build-1');
      });
      await client.workflowService.setWorkerDeploymentCurrentVersion({ namespace: 'default', deploymentName, buildId: 'build-1', identity: 'versioning-test' });
      const handle = await client.workflow.start('pruneRetention', { taskQueue, workflowId: `versioned-${randomUUID()}`, args: [] });
      await expect(handle.result()).resolves.toMatchObject({ batches: 1 });
      const { versioningInfo } = (await handle.describe()).raw.workflowExecutionInfo!;
      expect(versioningInfo?.behavior).toBe(temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_PINNED);
      expect(versioningInfo?.deploymentVersion).toMatchObject({ deploymentName, buildId: 'build-1' });
    });
  });
});
