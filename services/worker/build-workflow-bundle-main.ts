import { runMain } from '../common/runtime/run-main';
import { writeWorkflowBundle } from './worker-options';

/** `node dist/services/worker/build-workflow-bundle-main.js [out]`: the image build's workflow bundle step. */
runMain('build-workflow-bundle', async () => {
  const file = await writeWorkflowBundle(process.argv[2]);
  process.stdout.write(`Workflow bundle written to ${file}\n`);
});
