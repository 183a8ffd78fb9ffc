import fc from 'fast-check';
import { backtestPolicy, type StoredFailure } from '../../domain/backtest';
import { previewTimeline } from '../../domain/preview-timeline';
import { renderBacktest } from '../../services/cli/backtest-format';
import { paymentFailed, version } from '../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12);
const smart = { type: 'smart' as const, window: '2m' as const, maxRetries: 8 };
const failure = (over: Partial<StoredFailure> = {}): StoredFailure => ({
  invoiceId: 'in_1', failedAt: T0, fingerprint: 'fp_1', cardBrand: 'visa', declineCode: 'insufficient_funds', ...over,
});

describe('backtestPolicy', () => {
  it('plans the retries the preview plans for the same failure and policy', () => {
    const { invoices, totals } = backtestPolicy(smart, [failure()], new Map(), { dayMs: DAY });
    const preview = previewTimeline({
      automation: version({ name: 'x', trigger: { type: 'subscription_payment_failed' }, steps: [{ type: 'retry_payment', policy: smart }] }, 'a'),
      subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0), dayMs: DAY,
    });
    const planned = preview.entries.filter((e) => e.action === 'payment_attempt').map((e) => e.at);
    expect(invoices[0].retries.map((r) => r.at)).toEqual(planned);
    expect(invoices[0].retries.every((r) => r.reason === 'scheduled')).toBe(true);
    expect(invoices[0].end).toBe('exhausted');
    expect(totals).toMatchObject({ invoices: 1, retries: 8, deferrals: 0, paidLater: 0, retryBeforePayment: 0 });
    expect(Object.keys(totals.rules).sort()).toEqual(['deferrals', 'paidLater', 'retries', 'retryBeforePayment']);
  });

  it('stops at the recorded payment and says whether a retry came before it', () => {
    const { invoices } = backtestPolicy(smart, [failure({ paidAt: T0 + 10 * DAY }), failure({ invoiceId: 'in_2', fingerprint: 'fp_2', paidAt: T0 + 3600_000 })], new Map(), { dayMs: DAY });
    const [early, late] = [invoices.find((i) => i.invoiceId === 'in_2')!, invoices.find((i) => i.invoiceId === 'in_1')!];
    expect(late).toMatchObject({ end: 'paid', retryBeforePayment: true });
    expect(late.retries.every((r) => r.at < T0 + 10 * DAY)).toBe(true);
    expect(early).toMatchObject({ end: 'paid', retryBeforePayment: false, retries: [] });
  });

  it('defers retries a card budget refuses, counting the card\'s stored attempts made outside runs', () => {
    // 20 provider attempts on the Visa card in the past days: its 20-per-30-days budget is used up.
    const stored = Array.from({ length: 20 }, (_, k) => ({ at: T0 - (k + 1) * 3600_000, succeeded: false }));
    const { invoices, totals } = backtestPolicy(smart, [failure()], new Map([['fp_1', stored]]), { dayMs: DAY });
    expect(totals.deferrals).toBeGreaterThan(0);
    expect(invoices[0].deferrals[0]).toMatchObject({ rule: expect.stringContaining('visa'), until: expect.any(Number) });
    expect(invoices[0].retries[0].at).toBeGreaterThanOrEqual(invoices[0].deferrals[0].until);
  });

  it('does not retry a hard decline', () => {
    const { invoices } = backtestPolicy(smart, [failure({ declineCode: 'stolen_card' })], new Map(), { dayMs: DAY });
    expect(invoices[0]).toMatchObject({ retries: [], end: 'blocked' });
  });

  it('is deterministic: the input order does not change the report', () => {
    const arb = fc.array(fc.record({
      invoiceId: fc.stringMatching(/^in_[a-z0-9]{4}$/), failedAt: fc.integer({ min: T0, max: T0 + 30 * DAY }),
      fingerprint: fc.constantFrom('fp_a', 'fp_b'),
      declineCode: fc.constantFrom('insufficient_funds', 'do_not_honor', 'generic_decline'),
    }), { maxLength: 12 }).map((xs) => xs
      .filter((x, i) => xs.findIndex((y) => y.invoiceId === x.invoiceId) === i)
      .map((x) => ({ ...x, cardBrand: x.fingerprint === 'fp_a' ? 'visa' : 'mastercard' })));
    fc.assert(fc.property(arb, (failures) => {
      const a = backtestPolicy(smart, failures, new Map(), { dayMs: DAY });
      const b = backtestPolicy(smart, [...failures].reverse(), new Map(), { dayMs: DAY });
      expect(b).toEqual(a);
      // Per card, the simulated retries stay within the budgets: Visa 20 per 30 days, Mastercard 10 per 24 hours.
      for (const [fp, max, windowMs] of [['fp_a', 20, 30 * DAY], ['fp_b', 10, DAY]] as const) {
        const times = a.invoices.filter((i) => failures.find((f) => f.invoiceId === i.invoiceId)!.fingerprint === fp).flatMap((i) => i.retries.map((r) => r.at));
        for (const t of times) expect(times.filter((u) => u > t - windowMs && u <= t).length).toBeLessThanOrEqual(max);
      }
    }), { numRuns: 40 });
  });
});

describe('renderBacktest (npm run backtest)', () => {
  it('prints the totals with their rules and one line per invoice up to the limit', () => {
    const { invoices, totals } = backtestPolicy(smart, [failure({ paidAt: T0 + 10 * DAY }), failure({ invoiceId: 'in_2', fingerprint: 'fp_2', failedAt: T0 + 1 })], new Map(), { dayMs: DAY });
    const iso = (ms: number) => new Date(ms).toISOString();
    const report = {
      policyId: 'p1', from: iso(T0), to: iso(T0 + DAY), totals,
      invoices: invoices.map((i) => ({ ...i, failedAt: iso(i.failedAt), paidAt: i.paidAt === undefined ? undefined : iso(i.paidAt), retries: i.retries.map((r) => ({ ...r, at: iso(r.at) })), deferrals: [] })),
    };
    const text = renderBacktest(report, 1);
    expect(text).toContain(`retries               ${totals.retries}   (${totals.rules.retries})`);
    expect(text).toContain('in_1  failed 2026-01-10 12:00  paid: retries 2026-01-15 10:00');
    expect(text).toContain('a retry came first');
    expect(text).not.toContain('in_2  failed');
    expect(text).toContain('… 1 more');
  });
});
