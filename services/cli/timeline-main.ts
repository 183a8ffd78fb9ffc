import type { RunDetailResource, RunResource } from '../gateway/runs/dto/run.resource';
import { AdminClient, type Page } from './admin-client';
import { parseArgs, runCli, secondsFlag, UsageError } from './cli-main';
import { findRunningSystem, parseCliEnv } from './cli-options';
import { buildTimeline, formatRow, renderTimeline, type Timeline, type TimelineEmail, type TimelineInput } from './timeline-format';

const USAGE = 'usage: npm run timeline -- <runId | invoiceId | subscriptionId | customerId> [--follow] [--interval <seconds>]';
/** After the run ends, `--follow` waits this long for runs it set off (e.g. the cancellation email) to finish. */
const RELATED_GRACE_MS = 15_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FILTERS: [prefix: string, filter: string][] = [['in_', 'invoiceId'], ['sub_', 'subscriptionId'], ['cus_', 'customerId']];

/** The newest run of an invoice, subscription or customer id, or the run itself for a `run:` id. */
async function resolveRunId(api: AdminClient, ref: string): Promise<string | undefined> {
  if (ref.startsWith('run:')) return ref;
  const filter = FILTERS.find(([prefix]) => ref.startsWith(prefix))?.[1];
  if (!filter) throw new UsageError(`"${ref}" is not a run id (run:…), invoice (in_…), subscription (sub_…) or customer (cus_…) id\n${USAGE}`);
  const page = await api.get<Page<RunResource>>('/v1/runs', { [filter]: ref, limit: 1 });
  return page.data[0]?.id;
}

/** The run, its emails, and the runs that followed on the same invoice or subscription, with theirs. */
async function load(api: AdminClient, runId: string): Promise<TimelineInput> {
  const emailsOf = (id: string) => api.list<TimelineEmail>('/v1/emails', { runId: id, limit: 100 }, 100);
  const run = await api.get<RunDetailResource>(`/v1/runs/${encodeURIComponent(runId)}`);
  const related = new Map<string, RunResource>();
  for (const [filter, value] of [['subscriptionId', run.subscriptionId], ['invoiceId', run.invoiceId]] as const) {
    if (!value) continue;
    for (const r of await api.list<RunResource>('/v1/runs', { [filter]: value, limit: 100 }, 100)) {
      if (r.id !== run.id && r.startedAt >= run.startedAt) related.set(r.id, r);
    }
  }
  const [emails, ...relatedEmails] = await Promise.all([emailsOf(run.id), ...[...related.keys()].map(emailsOf)]);
  return { run, emails, related: [...related.values()].map((r, i) => ({ run: r, emails: relatedEmails[i] })), now: Date.now() };
}

/**
 * `npm run timeline -- <runId|invoiceId|subscriptionId|customerId> [--follow]`: a run's timeline in the terminal
 * (steps, attempts with decline codes and dates, emails, next action, outcome) from `GET /v1/runs/{id}`.
 * `--follow` polls until the run and what it set off have ended: it redraws on a terminal and prints only
 * the new lines otherwise (a pipe, a CI log).
 */
runCli('timeline', async () => {
  const { positional, flags } = parseArgs(process.argv.slice(2), ['interval']);
  if (flags.help || positional.length !== 1) {
    process.stdout.write(`${USAGE}\n`);
    return flags.help ? 0 : 1;
  }
  const options = parseCliEnv(process.env, findRunningSystem(process.env));
  const api = new AdminClient(options.gatewayUrl, options.apiKey);
  const follow = flags.follow === true;
  const intervalMs = secondsFlag(flags, 'interval', 1_000);
  const out = (text: string) => process.stdout.write(text);

  let runId = await resolveRunId(api, positional[0]);
  if (!runId && !follow) throw new UsageError(`no run found for ${positional[0]} (yet: add --follow to wait for one)`);
  if (!runId) out(`waiting for a run on ${positional[0]}…\n`);
  while (!runId) {
    await pause(intervalMs);
    runId = await resolveRunId(api, positional[0]);
  }

  const redraw = follow && process.stdout.isTTY;
  const printed = new Set<string>();
  const seen = new Map<string, Timeline['rows'][number]>();
  let endedAt: number | undefined;
  let zero: number | undefined;
  for (;;) {
    const input = await load(api, runId);
    const timeline = buildTimeline(input);
    // Facts only the live state knows (the attempt that set the run off) stay on screen after the run ends.
    timeline.rows.forEach((row) => seen.set(row.key, row));
    timeline.rows = [...seen.values()].sort((a, b) => a.at - b.at);
    const relatedRunning = input.related.some((r) => r.run.status === 'running');
    if (input.run.status !== 'running') endedAt ??= Date.now();
    const done = !follow || (endedAt !== undefined && (!relatedRunning || Date.now() - endedAt > RELATED_GRACE_MS));
    if (!follow || redraw) {
      out(`${redraw ? '\x1b[H\x1b[2J' : ''}${renderTimeline(timeline)}\n`);
    } else {
      if (printed.size === 0) out(`${timeline.header.join('\n')}\n\n`);
      zero ??= timeline.rows[0]?.at ?? 0;
      for (const row of timeline.rows.filter((r) => !printed.has(r.key))) out(`${formatRow(row, zero)}\n`);
      timeline.rows.forEach((r) => printed.add(r.key));
      if (done) out(`\n${timeline.header[2]}\n${timeline.footer.join('\n')}\n`);
    }
    if (done) return 0;
    await pause(intervalMs);
  }
});
