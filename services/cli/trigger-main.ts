import { randomBytes } from 'node:crypto';
import { AdminClient } from './admin-client';
import { parseArgs, runCli, secondsFlag, UsageError } from './cli-main';
import { findRunningSystem, parseCliEnv } from './cli-options';
import { playScenario } from './run-scenario';
import { buildScenario, isScenarioName, SCENARIO_NAMES } from './scenarios';
import { workflowListUrl, workflowUrl } from './web-ui-link';

const usage = () => [
  'usage: npm run trigger -- <scenario> [--wait <seconds>] [--new-card-after <seconds>]',
  'scenarios:',
  ...SCENARIO_NAMES.map((name) => `  ${name.padEnd(26)} ${buildScenario(name, { suffix: 'x', now: 0 }).summary}`),
  'environment: GATEWAY_URL (http://localhost:$PORT), ADMIN_API_KEY (dev-admin-key), TEMPORAL_UI_URL (http://localhost:$TEMPORAL_UI_PORT);',
  '  unset, the addresses of the system `make up` runs on DATA_DIR (.data), then ports 3000 and 8233',
].join('\n');

/**
 * `npm run trigger -- <scenario>` (like `stripe trigger`): plays a billing scenario against the running system
 * over its admin API, prints what it created, the run it started and where to watch it in the Temporal Web UI.
 */
runCli('trigger', async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['wait', 'new-card-after']);
  if (flags.help || positional.length === 0) {
    process.stdout.write(`${usage()}\n`);
    return flags.help ? 0 : 1;
  }
  const name = positional[0];
  if (!isScenarioName(name)) throw new UsageError(`unknown scenario "${name}"\n${usage()}`);
  const options = parseCliEnv(process.env, findRunningSystem(process.env));
  const api = new AdminClient(options.gatewayUrl, options.apiKey);
  const plan = buildScenario(name, { suffix: randomBytes(3).toString('hex'), now: Date.now() });
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say(`${plan.name}: ${plan.summary}`);
  const waitForRunMs = secondsFlag(flags, 'wait', plan.action === 'wait_for_due_date' ? 60_000 : 30_000);
  const result = await playScenario(api, plan, { say, waitForRunMs, newCardAfterMs: secondsFlag(flags, 'new-card-after', 5_000) });

  say(`web UI    ${workflowListUrl(options.temporalUiUrl, options.namespace, plan.runKey, result.subjectId)}`);
  if (!result.run) {
    say(`run       none yet after ${waitForRunMs / 1000}s (${plan.trigger}); it appears in the list above when it starts`);
  } else {
    say(`run       ${result.run.id}  (${result.run.status})`);
    if (result.run.workflowRunId) say(`          ${workflowUrl(options.temporalUiUrl, options.namespace, result.run.id, result.run.workflowRunId)}`);
  }
  say('expect');
  plan.expect.forEach((line) => say(`  - ${line}`));
  say(`follow    npm run timeline -- ${result.subjectId} --follow`);
  return 0;
});
