import type { RetryPolicy } from './automation';
import type { BillingEvent } from './billing-event';
import { decideCardAttempt } from './card-network/card-decision';
import type { BudgetRule, CardAttemptFact } from './card-network/card-budgets';
import { compact } from './normalize/billing-enums';
import { previewTimeline } from './preview-timeline';
import type { ChargeOutcome } from './run-plan/commands';

/**
 * What a retry policy would have done with the failures already stored: each invoice's first failed attempt of
 * the period starts a simulated one-step run (`retry_payment` with the policy) driven by the preview's run plan, so
 * the schedule, decline classes and advice-code waits are the workflow's own. Every simulated charge is checked
 * against the card's budgets (`decideCardAttempt`) with the card's stored attempts made outside runs plus the
 * simulated retries of invoices backtested before it (failures in time order, ties by invoice id: deterministic).
 *
 * Rules of the estimates, stated in the report:
 * - each simulated retry fails with the invoice's first decline (as the preview assumes) until the invoice was paid;
 * - an invoice paid later stops its simulated run at the payment: retries after it would not have been made;
 * - "retry before payment": the first simulated retry came before the recorded payment — the estimate of an
 *   earlier recovery, assuming the card accepted then, as it did at the payment.
 */

/** The first failed attempt of one invoice in the period, with what happened to the invoice afterwards. */
export interface StoredFailure {
  invoiceId: string;
  customerId?: string;
  failedAt: number;
  fingerprint?: string;
  cardBrand?: string;
  paymentMethodId?: string;
  declineCode?: string;
  networkDeclineCode?: string;
  networkAdviceCode?: string;
  amountDue?: number;
  currency?: string;
  /** When the invoice was paid after the failure (any payer), if it was. */
  paidAt?: number;
}

/** One invoice's simulated course. */
export interface InvoiceBacktest {
  invoiceId: string;
  failedAt: number;
  retries: { attempt: number; at: number; reason?: string }[];
  deferrals: { at: number; until: number; rule?: string }[];
  /** How the simulated run ended (`exhausted` when the policy ran out, `blocked` when the card may not be retried). */
  end: 'paid' | 'exhausted' | 'blocked';
  paidAt?: number;
  /** Whether the first simulated retry came before the recorded payment (only for invoices paid later). */
  retryBeforePayment?: boolean;
  amountDue?: number;
  currency?: string;
}

/** Sums over all invoices, each with the rule it was counted by. */
export interface BacktestTotals {
  invoices: number;
  retries: number;
  deferrals: number;
  paidLater: number;
  retryBeforePayment: number;
  rules: Record<'retries' | 'deferrals' | 'paidLater' | 'retryBeforePayment', string>;
}

export const BACKTEST_RULES: BacktestTotals['rules'] = {
  retries: 'simulated retries made before the invoice was paid, each assumed to fail with the invoice\'s first decline',
  deferrals: 'simulated retries a card-network budget would have moved, counting the card\'s stored attempts made outside runs and earlier simulated retries',
  paidLater: 'invoices with a recorded payment after their first failure in the period',
  retryBeforePayment: 'paid invoices whose first simulated retry came before the recorded payment (an earlier recovery, if the card accepted as it did at the payment)',
};

/** Backtests `policy` over `failures`; `cardAttempts` are each card's stored attempts not made by a run. Pure. */
export function backtestPolicy(
  policy: RetryPolicy, failures: readonly StoredFailure[], cardAttempts: ReadonlyMap<string, readonly CardAttemptFact[]>,
  options: { dayMs: number; otherBrands?: readonly BudgetRule[] },
): { invoices: InvoiceBacktest[]; totals: BacktestTotals } {
  const ledger = new Map<string, CardAttemptFact[]>();
  const sorted = [...failures].sort((a, b) => a.failedAt - b.failedAt || (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
  const invoices = sorted.map((failure) => {
    const card = failure.fingerprint ? (ledger.get(failure.fingerprint) ?? [...(cardAttempts.get(failure.fingerprint) ?? [])].sort((a, b) => a.at - b.at)) : [];
    if (failure.fingerprint) ledger.set(failure.fingerprint, card);
    return backtestInvoice(policy, failure, card, options);
  });
  const paid = invoices.filter((i) => i.paidAt !== undefined);
  return {
    invoices,
    totals: {
      invoices: invoices.length,
      retries: sum(invoices.map((i) => i.retries.length)),
      deferrals: sum(invoices.map((i) => i.deferrals.length)),
      paidLater: paid.length,
      retryBeforePayment: paid.filter((i) => i.retryBeforePayment).length,
      rules: BACKTEST_RULES,
    },
  };
}

function backtestInvoice(policy: RetryPolicy, f: StoredFailure, card: CardAttemptFact[], options: { dayMs: number; otherBrands?: readonly BudgetRule[] }): InvoiceBacktest {
  const retries: InvoiceBacktest['retries'] = [];
  const deferrals: InvoiceBacktest['deferrals'] = [];
  const charge = (at: number, assumed: ChargeOutcome): ChargeOutcome => {
    if (f.paidAt !== undefined && at >= f.paidAt) return { status: 'closed', invoiceStatus: 'paid' };
    if (f.fingerprint) {
      const decision = decideCardAttempt({ cardBrand: f.cardBrand, paymentMethodId: f.paymentMethodId }, undefined, card, at, options.dayMs, options.otherBrands);
      // As in the card ledger, attempts after `at` count too (earlier-failed invoices' later retries): every
      // window holding the new attempt then stays within the budget, whatever order the invoices are simulated in.
      if (!decision.allowed && !('blocked' in decision)) {
        deferrals.push({ at, until: decision.retryAt, rule: decision.rule });
        return { status: 'deferred', retryAt: decision.retryAt, rule: decision.rule };
      }
      insertSorted(card, { at, succeeded: false });
    }
    retries.push({ attempt: retries.length + 1, at });
    return assumed;
  };
  const timeline = previewTimeline(runInput(policy, f, options.dayMs), { declineCode: f.declineCode, charge });
  const reasons = timeline.entries.filter((e) => e.action === 'payment_attempt');
  for (const r of retries) {
    const entry = reasons.find((e) => e.at === r.at && e.reason);
    if (entry?.reason) r.reason = entry.reason.kind;
  }
  const paused = timeline.entries.some((e) => e.action === 'await_payment_method');
  const end = timeline.end.status === 'recovered' ? 'paid' : paused && retries.length === 0 ? 'blocked' : 'exhausted';
  return compact({
    invoiceId: f.invoiceId, failedAt: f.failedAt, retries, deferrals, end, paidAt: f.paidAt,
    retryBeforePayment: f.paidAt === undefined ? undefined : retries.length > 0 && retries[0].at < f.paidAt,
    amountDue: f.amountDue, currency: f.currency,
  }) as InvoiceBacktest;
}

/** The simulated run: one `retry_payment` step on the invoice, triggered by its first failure. */
function runInput(policy: RetryPolicy, f: StoredFailure, dayMs: number): Parameters<typeof previewTimeline>[0] {
  const event: BillingEvent = {
    id: `backtest:${f.invoiceId}`, provider: 'system', kind: 'invoice_payment_failed', occurredAt: f.failedAt,
    invoice: {
      id: f.invoiceId, customerId: f.customerId ?? '', status: 'open', collectionMethod: 'charge_automatically',
      amountDue: f.amountDue ?? 0, amountRemaining: f.amountDue ?? 0, currency: f.currency ?? 'usd', attemptCount: 1, metadata: {}, lines: [],
    },
    attempt: compact({
      number: 1, declineCode: f.declineCode, networkDeclineCode: f.networkDeclineCode, networkAdviceCode: f.networkAdviceCode,
      cardBrand: f.cardBrand, cardFingerprint: f.fingerprint, paymentMethodId: f.paymentMethodId,
    }),
  };
  const automation = { automationId: 'backtest', version: 1, name: 'backtest', trigger: { type: 'subscription_payment_failed' as const }, steps: [{ type: 'retry_payment' as const, policy }] };
  return { automation, subject: { type: 'invoice', id: f.invoiceId }, event, dayMs };
}

function insertSorted(list: CardAttemptFact[], fact: CardAttemptFact): void {
  let i = list.length;
  while (i > 0 && list[i - 1].at > fact.at) i--;
  list.splice(i, 0, fact);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
