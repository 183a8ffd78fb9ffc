import type { Step } from '../../domain/automation';
import type { RunStateView } from '../../domain/run-state-view';
import type { RunDetailResource, RunResource } from '../gateway/runs/dto/run.resource';
import { formatClock, formatDuration, formatMoney } from './cli-format';

/** An outbox email as `GET /v1/emails` lists it (the fields the timeline shows). */
export interface TimelineEmail {
  runId: string | null;
  template: string;
  to: string[];
  status: string;
  createdAt: string;
  sentAt: string | null;
}

/** Everything one rendering needs; `now` is passed in so the output is a pure function of it. */
export interface TimelineInput {
  run: RunDetailResource;
  emails: TimelineEmail[];
  /** Other runs on the same subscription or invoice (e.g. the cancellation email a dunning run set off). */
  related: { run: RunResource; emails: TimelineEmail[] }[];
  now: number;
}

/** A timeline: rows keyed so `--follow` can print only the new ones when it cannot redraw. */
export interface Timeline {
  header: string[];
  rows: { key: string; at: number; text: string }[];
  footer: string[];
}

/** An attempt the provider reports this close after one of the run's own, with the same code, is that attempt's webhook. */
const ECHO_MS = 10_000;
const EFFECTS: Record<string, string> = {
  cancel_subscription: 'subscription canceled', mark_invoice_uncollectible: 'invoice marked uncollectible',
  mark_subscription_unpaid: 'subscription marked unpaid', send_customer_email: 'customer emailed', send_team_email: 'team emailed',
};

/** What a step does, in words. */
export function describeStep(step: Step | undefined): string {
  switch (step?.type) {
    case 'retry_payment': {
      const p = step.policy;
      return p.type === 'smart' ? `retry payment (smart, ${p.window} window, up to ${p.maxRetries} retries)` : `retry payment (after ${p.days.join(', ')} days)`;
    }
    case 'wait': return `wait ${step.days} day${step.days === 1 ? '' : 's'} (grace period)`;
    case 'cancel_subscription': return 'cancel the subscription';
    case 'mark_subscription_unpaid': return 'mark the subscription unpaid';
    case 'mark_invoice_uncollectible': return 'mark the invoice uncollectible';
    case 'send_customer_email': return `email the customer (${step.template})`;
    case 'send_team_email': return `email the team (${step.to.join(', ')})`;
    case 'emit_webhook': return `webhook to ${step.url}`;
    default: return 'unknown step';
  }
}

/** Builds a run's timeline: steps, payment attempts with decline codes, emails, what comes next, the outcome. */
export function buildTimeline({ run, emails, related, now }: TimelineInput): Timeline {
  const start = Date.parse(run.startedAt);
  const def = run.pinnedVersion?.definition;
  const steps = (def?.steps ?? []) as Step[];
  const live = run.live as unknown as RunStateView | null;
  const rows: Timeline['rows'] = [];
  const add = (key: string, at: number, text: string) => rows.push({ key, at, text });

  add('start', start, `▶ run started: ${def?.trigger.type ?? 'trigger'} matched "${def?.name ?? run.automationId}" v${run.automationVersion}`);
  const ownAttempts = run.steps.filter((s) => s.attempt > 0);
  for (const view of live?.attempts ?? []) {
    const a = { ...view, at: Date.parse(view.at) };
    if (a.source === 'trigger') add('trigger', a.at, `✗ payment failed: ${a.declineCode ?? 'no code'} (the attempt that set the run off)`);
    const echo = ownAttempts.some((o) => Math.abs(Date.parse(o.startedAt) - a.at) < ECHO_MS && o.declineCode === (a.declineCode ?? null));
    if (a.source === 'provider' && !echo) add(`provider:${a.at}`, a.at, `  · the provider reports a failed attempt: ${a.declineCode ?? 'no code'}`);
  }
  for (const s of run.steps) {
    const at = Date.parse(s.startedAt);
    if (s.attempt === 0) add(`step:${s.stepIndex}`, at, `▸ step ${s.stepIndex + 1}/${steps.length} ${describeStep(steps[s.stepIndex])}`);
    else if (s.status === 'deferred') add(`attempt:${s.stepIndex}:${s.attempt}:${at}`, at, `  ⏸ attempt ${s.attempt} deferred by the card network cap${s.detail?.rule ? ` (${String(s.detail.rule)})` : ''}`);
    else add(`attempt:${s.stepIndex}:${s.attempt}`, at, `  ${s.status === 'succeeded' ? '✓' : '✗'} payment attempt ${s.attempt}: ${s.status === 'succeeded' ? 'paid' : `declined (${s.declineCode ?? 'no code'})`}`);
  }
  const emailRow = (e: TimelineEmail, from?: string) => {
    const at = Date.parse(e.sentAt ?? e.createdAt);
    add(`email:${e.runId}:${e.template}:${e.createdAt}`, at, `✉ ${e.template} → ${e.to.join(', ')} (${e.status})${from ? ` [from ${from}]` : ''}`);
  };
  emails.forEach((e) => emailRow(e));
  for (const r of related) {
    add(`related:${r.run.id}`, Date.parse(r.run.startedAt), `↳ related run started: ${r.run.id} (${r.run.status})`);
    r.emails.forEach((e) => emailRow(e, r.run.subjectType + ' run'));
  }
  if (run.endedAt) add('outcome', Date.parse(run.endedAt), `■ outcome: ${run.status} (${run.outcome ?? 'no reason'})`);
  rows.sort((a, b) => a.at - b.at || order(a.key) - order(b.key));

  return { header: header(run, steps, now), rows, footer: footer(run, live, emails, related, now) };
}

/** Rows at the same instant keep causal order: start, trigger, step, attempts, outcome, then what followed. */
function order(key: string): number {
  return ['start', 'trigger', 'step', 'attempt', 'provider', 'outcome', 'related', 'email'].indexOf(key.split(':')[0]);
}

function header(run: RunDetailResource, steps: Step[], now: number): string[] {
  const subject = [`${run.subjectType} ${run.subjectId}`];
  if (run.customerId) subject.push(`customer ${run.customerId}`);
  if (run.subscriptionId && run.subjectType !== 'subscription') subject.push(`subscription ${run.subscriptionId}`);
  if (run.amountDue !== null && run.currency) subject.push(formatMoney(run.amountDue, run.currency));
  const elapsed = (run.endedAt ? Date.parse(run.endedAt) : now) - Date.parse(run.startedAt);
  const where = run.status === 'running'
    ? `running for ${formatDuration(elapsed)}, step ${(run.currentStep ?? 0) + 1}/${steps.length}`
    : `${run.status} (${run.outcome ?? 'no reason'}) after ${formatDuration(elapsed)}`;
  return [`run       ${run.id}`, `subject   ${subject.join(' · ')}`, `status    ${where}`];
}

function footer(run: RunDetailResource, live: RunStateView | null, emails: TimelineEmail[], related: TimelineInput['related'], now: number): string[] {
  const lines: string[] = [];
  if (live?.nextAction) {
    const { description, why } = live.nextAction;
    const at = Date.parse(live.nextAction.at);
    lines.push(`next      ${description} at ${formatClock(at, now)} (in ${formatDuration(Math.max(0, at - now))})`);
    if (why) lines.push(`why       ${why}`);
  }
  if (live?.retry?.awaitingPaymentMethod) lines.push('paused    hard decline: waiting for a new payment method (it gets a prompt retry)');
  if (run.status !== 'running') {
    const effects = run.steps.filter((s) => s.attempt === 0 && s.status === 'completed').map((s) => EFFECTS[s.type]).filter(Boolean);
    if (run.status === 'recovered') effects.unshift(`invoice paid (${run.currency ? formatMoney(run.recoveredAmount, run.currency) : run.recoveredAmount} recovered)`);
    lines.push(`result    ${effects.length ? effects.join(' · ') : 'nothing changed'}`);
  }
  const all = [...emails, ...related.flatMap((r) => r.emails)];
  lines.push(`emails    ${all.length ? all.map((e) => e.template).join(', ') : 'none'}`);
  return lines;
}

/** One row as a line: time of day, offset from `zero` (the first fact: "day 0" of a dunning), text. */
export function formatRow(row: Timeline['rows'][number], zero: number): string {
  return `${formatClock(row.at, zero).padEnd(8)}  +${formatDuration(row.at - zero).padEnd(8)} ${row.text}`;
}

/** The whole timeline as text. */
export function renderTimeline(t: Timeline): string {
  const zero = Math.min(...t.rows.map((r) => r.at));
  return [...t.header, '', ...t.rows.map((r) => formatRow(r, zero)), '', ...t.footer].join('\n');
}
