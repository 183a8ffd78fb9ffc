import { bundleWorkflowCode, type WorkerOptions } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '../common/config/app.config';
import { workerCapacity } from './worker-capacity';

/** Where the image build writes the workflow bundle: beside the compiled code (`dist/workflow-bundle.js`). */
export const DEFAULT_WORKFLOW_BUNDLE = path.join(__dirname, '..', '..', 'workflow-bundle.js');

/** The workflows module, the one entry point webpack bundles. */
const workflowsPath = () => require.resolve(path.join(__dirname, '..', '..', 'workflows'));

/**
 * The prebuilt bundle when it exists (the image: no webpack run at start), else the workflow sources, bundled
 * at start. Running from sources there is no bundle beside them, so a stale one can never shadow an edit.
 */
export function workflowSource(bundlePath = DEFAULT_WORKFLOW_BUNDLE): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  return fs.existsSync(bundlePath) ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: workflowsPath() };
}

/** Bundles the workflows once (the image's build stage) and writes the code to `outFile`. */
export async function writeWorkflowBundle(outFile = DEFAULT_WORKFLOW_BUNDLE): Promise<string> {
  // The request-id interceptor is part of every run's logs; OpenTelemetry's workflow interceptors need tracing's
  // sink, so a prebuilt bundle goes without workflow spans (activity and client spans still come).
  const workflowInterceptorModules = [require.resolve(path.join(__dirname, 'telemetry', 'request-id.workflow-interceptors'))];
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), workflowInterceptorModules });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, code);
  return outFile;
}

/**
 * Tuning and versioning from the config: explicit limits first, then those WORKER_MEMORY_MB gives
 * (worker-capacity.ts; its cache follows the explicit concurrency); with neither, the SDK's defaults.
 */
export function workerTuning(tuning: AppConfig['workerTuning']): Partial<WorkerOptions> {
  const { deployment, memoryMb, ...limits } = tuning;
  const fromMemory = memoryMb === undefined ? {} : (({ maxOldSpaceSizeMb: _heap, ...rest }) => rest)(workerCapacity(memoryMb, limits));
  const explicit = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  const options: Partial<WorkerOptions> = { ...fromMemory, ...explicit };
  if (deployment) {
    options.workerDeploymentOptions = {
      version: { deploymentName: deployment.name, buildId: deployment.buildId },
      useWorkerVersioning: true,
      defaultVersioningBehavior: deployment.defaultBehavior === 'pinned' ? 'PINNED' : 'AUTO_UPGRADE',
    };
  }
  return options;
}
