import fc from 'fast-check';
import type { RetryPolicy } from '../../../domain/automation';
import type { PaymentMethodSnapshot } from '../../../domain/billing';
import { backupPaymentMethodIds, cardExpired, cardExpiresAt, paymentMethodOrder } from '../../../domain/payment-methods';
import { previewTimeline } from '../../../domain/preview-timeline';
import type { AutomationRunInput } from '../../../domain/run';
import type { RunCommand } from '../../../domain/run-plan/commands';
import { apply, createRunPlan, decide, type RunPlan } from '../../../domain/run-plan/run-plan';
import { paymentFailed, recipe1, version } from '../../../testkit/automation-fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 3, 14);
const policy: RetryPolicy = { type: 'custom', days: [3, 5], backupPaymentMethods: true };

function inputOf(p: RetryPolicy): AutomationRunInput {
  const automation = version({ ...recipe1, filters: undefined, steps: [{ type: 'retry_payment', policy: p }] }, 'auto_backup');
  return { automation, subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0, 'year', 'insufficient_funds'), dayMs: DAY };
}

function next(plan: RunPlan, now: number): RunCommand {
  for (;;) {
    const c = decide(plan, now);
    if (!['start', 'checkpoint', 'enter_step', 'record'].includes(c.kind)) return c;
    apply(plan, { kind: 'done' }, now);
  }
}

/** The plan at its first scheduled charge (on the default), with the charge command. */
function atFirstCharge(p: RetryPolicy = policy, backupMethods = true) {
  const plan = createRunPlan(inputOf(p), { networkRules: true, backupMethods });
  const wait = next(plan, T0) as Extract<RunCommand, { kind: 'wait' }>;
  apply(plan, { kind: 'woke' }, wait.until);
  return { plan, at: wait.until, charge: next(plan, wait.until) as Extract<RunCommand, { kind: 'charge' }> };
}

const pm = (id: string, more: Partial<PaymentMethodSnapshot> = {}): PaymentMethodSnapshot => ({ id, fingerprint: `fp_${id}`, ...more });

describe('payment method order (Stripe\'s)', () => {
  it('puts the subscription default, its default source, the customer default, then the other cards newest first', () => {
    const attached = [pm('old', { createdAt: 1 }), pm('new', { createdAt: 3 }), pm('cus', { createdAt: 2 }), pm('src', { createdAt: 0 }), pm('sub', { createdAt: 0 })];
    const order = paymentMethodOrder({ subscription: { defaultPaymentMethodId: 'sub', defaultSourceId: 'src' }, customer: { defaultPaymentMethodId: 'cus' }, attached }, T0);
    expect(order.map((p) => p.id)).toEqual(['sub', 'src', 'cus', 'new', 'old']);
  });

  it('skips expired cards, defaults that are not attached, and a second payment method of the same card', () => {
    const attached = [pm('a', { createdAt: 3, expMonth: 11, expYear: 2026 }), pm('b', { createdAt: 2 }), pm('c', { createdAt: 1, fingerprint: 'fp_b' })];
    const order = paymentMethodOrder({ customer: { defaultPaymentMethodId: 'gone' }, attached }, T0);
    expect(order.map((p) => p.id)).toEqual(['b']);
  });

  it('a card works to the end of its expiry month', () => {
    expect(cardExpiresAt(12, 2026)).toBe(Date.UTC(2027, 0, 1));
    expect(cardExpired({ expMonth: 12, expYear: 2026 }, Date.UTC(2026, 11, 31, 23))).toBe(false);
    expect(cardExpired({ expMonth: 12, expYear: 2026 }, Date.UTC(2027, 0, 1))).toBe(true);
    expect(cardExpired({}, T0)).toBe(false);
  });

  it('offers the cards after the default, and a subscription default charged first is not offered again', () => {
    const attached = [pm('cus', { createdAt: 1 }), pm('sub', { createdAt: 2 }), pm('other', { createdAt: 3 })];
    const sources = { subscription: { defaultPaymentMethodId: 'sub' }, customer: { defaultPaymentMethodId: 'cus' }, attached };
    expect(backupPaymentMethodIds(sources, [attached[0]], T0)).toEqual(['other']);
    expect(backupPaymentMethodIds(sources, [], T0)).toEqual(['cus', 'other']);
  });

  it('never offers the declined card (by id or fingerprint) as its own backup, nor a card twice', () => {
    const card = fc.record({ id: fc.constantFrom('p1', 'p2', 'p3', 'p4'), fingerprint: fc.constantFrom('f1', 'f2', 'f3'), createdAt: fc.nat(10) });
    fc.assert(fc.property(fc.uniqueArray(card, { maxLength: 4, selector: (c) => c.id }), fc.option(fc.constantFrom('p1', 'p2')), (attached, def) => {
      const charged = attached.slice(-1);
      const sources = { customer: { defaultPaymentMethodId: def ?? undefined }, attached };
      const ids = backupPaymentMethodIds(sources, charged, T0);
      const fps = ids.map((id) => attached.find((a) => a.id === id)!.fingerprint);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(fps).size).toBe(fps.length);
      // Neither the default (what the provider charges unasked) nor a card reported charged comes back as a backup.
      const defaultCard = paymentMethodOrder(sources, T0)[0];
      for (const c of [...charged, ...(defaultCard ? [defaultCard] : [])]) expect(fps).not.toContain(c.fingerprint);
    }));
  });
});

describe('backup payment methods in the run plan', () => {
  it('asks for backups on the default charge, charges each backup at once, and a success is backup_payment_method', () => {
    const { plan, at, charge } = atFirstCharge();
    expect(charge).toMatchObject({ kind: 'charge', attempt: 1, withBackups: true });
    expect(charge.paymentMethodId).toBeUndefined();
    apply(plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'insufficient_funds', backups: ['pm_b', 'pm_c'] } }, at);
    const first = next(plan, at);
    expect(first).toMatchObject({ kind: 'charge', attempt: 2, at, paymentMethodId: 'pm_b', key: [0, 2], reason: { kind: 'backup_payment_method', paymentMethodId: 'pm_b' } });
    apply(plan, { kind: 'charged', outcome: { status: 'deferred', retryAt: at + DAY, rule: 'visa-20-per-30d' } }, at);
    const second = next(plan, at);
    expect(second).toMatchObject({ kind: 'charge', attempt: 2, paymentMethodId: 'pm_c' });
    apply(plan, { kind: 'charged', outcome: { status: 'succeeded' } }, at);
    expect(next(plan, at)).toMatchObject({ kind: 'finish', outcome: { status: 'recovered', attribution: 'backup_payment_method' } });
    expect(plan.state.attempts.filter((a) => a.source === 'run').map((a) => [a.status, a.paymentMethodId])).toEqual([['failed', undefined], ['deferred', 'pm_b'], ['succeeded', 'pm_c']]);
  });

  it('goes back to the schedule of the default card when every backup declines: backups are not policy retries', () => {
    const { plan, at } = atFirstCharge();
    apply(plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'insufficient_funds', backups: ['pm_b'] } }, at);
    next(plan, at);
    apply(plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'generic_decline' } }, at);
    const wait = next(plan, at);
    expect(wait).toMatchObject({ kind: 'wait', purpose: 'retry', until: at + 5 * DAY });
    expect(plan.state.retry).toMatchObject({ retriesDone: 1, chargesMade: 2, lastDeclineCode: 'insufficient_funds' });
  });

  it('tries no backup after a hard decline on the default, nor without the option or the patch', () => {
    const hard = atFirstCharge();
    apply(hard.plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'stolen_card', backups: ['pm_b'] } }, hard.at);
    expect(next(hard.plan, hard.at)).toMatchObject({ kind: 'wait', purpose: 'await_payment_method' });
    for (const { plan, at, charge } of [atFirstCharge({ type: 'custom', days: [3, 5] }), atFirstCharge(policy, false)]) {
      expect(charge.withBackups).toBeUndefined();
      apply(plan, { kind: 'charged', outcome: { status: 'failed', declineCode: 'insufficient_funds', backups: ['pm_b'] } }, at);
      expect(next(plan, at)).toMatchObject({ kind: 'wait', purpose: 'retry' });
    }
  });

  it('the preview shows the same fallback after each soft decline', () => {
    const t = previewTimeline(inputOf(policy), { backupPaymentMethods: ['pm_b'] });
    const attempts = t.entries.filter((e) => e.action === 'payment_attempt');
    expect(attempts.map((e) => e.reason?.kind === 'backup_payment_method' ? 'backup' : 'default')).toEqual(['default', 'backup', 'default', 'backup']);
    expect(attempts[1]).toMatchObject({ at: attempts[0].at, description: 'charge backup: pm_b (2)' });
    const without = previewTimeline(inputOf({ type: 'custom', days: [3, 5] }));
    expect(without.entries.filter((e) => e.action === 'payment_attempt')).toHaveLength(2);
  });
});
