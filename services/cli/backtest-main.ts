import type { BacktestResource } from '../gateway/retry-policies/dto/backtest.dto';
import { AdminClient } from './admin-client';
import { renderBacktest } from './backtest-format';
import { parseArgs, runCli, UsageError } from './cli-main';
import { findRunningSystem, parseCliEnv } from './cli-options';

const USAGE = 'usage: npm run backtest -- <retryPolicyId> --from <ISO date> --to <ISO date> [--limit N] [--json]';

/**
 * `npm run backtest -- <policyId> --from … --to …`: `POST /v1/retry-policies/{id}/backtest` on the running system,
 * printed as totals (with the rule of each) and per-invoice lines; `--json` prints the whole answer.
 */
runCli('backtest', async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['from', 'to', 'limit']);
  if (flags.help || positional.length !== 1 || typeof flags.from !== 'string' || typeof flags.to !== 'string') {
    process.stdout.write(`${USAGE}\n`);
    return flags.help ? 0 : 1;
  }
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number\n${USAGE}`);
  const options = parseCliEnv(process.env, findRunningSystem(process.env));
  const api = new AdminClient(options.gatewayUrl, options.apiKey);
  const report = await api.post<BacktestResource>(`/v1/retry-policies/${encodeURIComponent(positional[0])}/backtest`, { from: flags.from, to: flags.to });
  process.stdout.write(`${flags.json ? JSON.stringify(report, null, 2) : renderBacktest(report, limit)}\n`);
  return 0;
});
