import type { RunState } from '../../domain/run';
import { runStateView } from '../../domain/run-state-view';
import { formatDuration } from '../../services/cli/cli-format';
import { buildTimeline, renderTimeline, type TimelineEmail } from '../../services/cli/timeline-format';
import type { RunDetailResource, RunResource } from '../../services/gateway/runs/dto/run.resource';
import { recipe1 } from '../../testkit/automation-fixtures';

const T0 = Date.parse('2026-11-25T12:25:35.000Z');
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
const runId = 'run:a1:invoice:in_1';

function run(overrides: Partial<RunDetailResource> = {}): RunDetailResource {
  return {
    id: runId, workflowRunId: 'r1', automationId: 'a1', automationVersion: 1, subjectType: 'invoice', subjectId: 'in_1',
    customerId: 'cus_1', invoiceId: 'in_1', subscriptionId: 'sub_1', status: 'running', outcome: null, currentStep: 0,
    amountDue: 120_000, recoveredAmount: 0, currency: 'usd', startedAt: iso(400), endedAt: null,
    pinnedVersion: { automationId: 'a1', version: 1, definition: recipe1, createdAt: iso(-60_000) } as unknown as RunDetailResource['pinnedVersion'],
    steps: [
      { stepIndex: 0, attempt: 0, type: 'retry_payment', status: 'running', declineCode: null, detail: null, startedAt: iso(700), endedAt: null },
      { stepIndex: 0, attempt: 1, type: 'payment_attempt', status: 'failed', declineCode: 'insufficient_funds', detail: null, startedAt: iso(5_400), endedAt: iso(5_400) },
    ],
    source: 'workflow', live: null, liveError: null, ...overrides,
  };
}

// The live state as GET /v1/runs/{id} shows it: times as ISO-8601 strings.
const live = (extra: Partial<RunState> = {}): Record<string, unknown> => runStateView({
  automationId: 'a1', version: 1, subject: { type: 'invoice', id: 'in_1' }, stepIndex: 0, step: 'retry_payment', emails: [], canceledSubscription: false,
  attempts: [
    { at: T0, source: 'trigger', status: 'failed', declineCode: 'insufficient_funds' },
    { at: T0 + 5_300, source: 'run', status: 'failed', declineCode: 'insufficient_funds' },
    { at: T0 + 5_600, source: 'provider', status: 'failed', declineCode: 'insufficient_funds' }, // the webhook of the run's own charge
    { at: T0 + 30_000, source: 'provider', status: 'failed', declineCode: 'card_declined' }, // a charge made elsewhere
  ],
  nextAction: { description: 'retry payment (2)', at: T0 + 15_000 },
  ...extra,
} as RunState) as unknown as Record<string, unknown>;

describe('run timeline', () => {
  it('shows a running dunning: the attempt that set it off, its steps and attempts with codes, and what comes next', () => {
    const text = renderTimeline(buildTimeline({ run: run({ live: live() }), emails: [], related: [], now: T0 + 10_000 }));
    const lines = text.split('\n');
    expect(lines[0]).toBe(`run       ${runId}`);
    expect(lines[1]).toBe('subject   invoice in_1 · customer cus_1 · subscription sub_1 · $1,200.00');
    expect(lines[2]).toBe('status    running for 10s, step 1/4');
    expect(text).toContain('12:25:35  +0ms      ✗ payment failed: insufficient_funds (the attempt that set the run off)');
    expect(text).toContain('12:25:35  +400ms    ▶ run started: subscription_payment_failed matched "Annual plans: retry, grace, cancel" v1');
    expect(text).toContain('12:25:35  +700ms    ▸ step 1/4 retry payment (smart, 2m window, up to 8 retries)');
    expect(text).toContain('12:25:40  +5s         ✗ payment attempt 1: declined (insufficient_funds)');
    expect(text).toContain('next      retry payment (2) at 12:25:50 (in 5s)');
    // The provider's report of the run's own charge is that charge, not a second attempt; another charge is shown.
    expect(text.match(/the provider reports/g)).toHaveLength(1);
    expect(text).toContain('· the provider reports a failed attempt: card_declined');
    expect(lines.at(-1)).toBe('emails    none');
  });

  it('says why the next retry is planned then', () => {
    const reason = { kind: 'scheduled' as const, slot: 2, of: 8, windowDays: 7, declineClass: 'retry_after' as const, rule: 'mastercard-mac-24', adviceCode: '24', adviceWaitHours: 1, paydayAligned: false, localDaytime: true, reslotted: false };
    const text = renderTimeline(buildTimeline({ run: run({ live: live({ nextAction: { description: 'retry payment (2)', at: T0 + 15_000, reason } }) }), emails: [], related: [], now: T0 + 10_000 }));
    expect(text).toContain('why       slot 2 of 8 in 7 days; retry after (mastercard-mac-24); advice code 24: wait ≥ 1 h');
  });

  it('says when a hard decline paused the run for a new card', () => {
    const paused = live({ retry: { firstFailedAt: T0, lastAttemptAt: T0, retriesDone: 0, chargesMade: 0, awaitingPaymentMethod: true } });
    const text = renderTimeline(buildTimeline({ run: run({ live: paused }), emails: [], related: [], now: T0 + 1_000 }));
    expect(text).toContain('paused    hard decline: waiting for a new payment method');
  });

  it('ends a finished recipe-1 run with its outcome, its effects and the email the cancellation set off', () => {
    const stepRow = (i: number, type: string, at: number) => ({ stepIndex: i, attempt: 0, type, status: 'completed', declineCode: null, detail: null, startedAt: iso(at), endedAt: iso(at + 100) });
    const done = run({
      status: 'completed', outcome: 'invoice_marked_uncollectible', endedAt: iso(134_800), currentStep: 3,
      steps: [stepRow(0, 'retry_payment', 700), stepRow(1, 'wait', 120_000), stepRow(2, 'cancel_subscription', 134_500), stepRow(3, 'mark_invoice_uncollectible', 134_700)],
    });
    const relatedRun = { id: 'run:a3:subscription:sub_1', subjectType: 'subscription', status: 'completed', startedAt: iso(134_600) } as RunResource;
    const email: TimelineEmail = { runId: relatedRun.id, template: 'cancellation_confirmation', to: ['jane@customer.test'], status: 'sent', createdAt: iso(135_000), sentAt: iso(135_100) };
    const text = renderTimeline(buildTimeline({ run: done, emails: [], related: [{ run: relatedRun, emails: [email] }], now: T0 + 200_000 }));
    expect(text).toContain('status    completed (invoice_marked_uncollectible) after 2min 14s');
    expect(text).toContain('▸ step 2/4 wait 7 days (grace period)');
    expect(text).toContain('↳ related run started: run:a3:subscription:sub_1 (completed)');
    expect(text).toContain('+2min 14s ■ outcome: completed (invoice_marked_uncollectible)');
    expect(text).toContain('✉ cancellation_confirmation → jane@customer.test (sent) [from subscription run]');
    expect(text).toContain('result    subscription canceled · invoice marked uncollectible');
    expect(text).toContain('emails    cancellation_confirmation');
    expect(text).not.toContain('next ');
    const order = ['step 3/4', 'step 4/4', 'outcome:', 'cancellation_confirmation →'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('counts a recovered run\'s money', () => {
    const paid = run({ status: 'recovered', outcome: 'retry_succeeded', recoveredAmount: 120_000, endedAt: iso(28_000) });
    const text = renderTimeline(buildTimeline({ run: paid, emails: [], related: [], now: T0 + 60_000 }));
    expect(text).toContain('result    invoice paid ($1,200.00 recovered)');
  });

  it('formats durations from milliseconds to days', () => {
    expect([950, 14_000, 134_400, 3 * 3_600_000 + 5 * 60_000, 67 * 86_400_000 + 4 * 3_600_000].map(formatDuration))
      .toEqual(['950ms', '14s', '2min 14s', '3h 05min', '67d 4h']);
  });
});
