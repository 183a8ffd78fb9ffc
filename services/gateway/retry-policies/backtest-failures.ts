import type { CardAttemptFact } from '../../../domain/card-network/card-budgets';
import type { StoredFailure } from '../../../domain/backtest';

/** Runs one parameterised SQL statement (a TypeORM `DataSource.query` or a `pg` client's, unwrapped). */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

// The first failed attempt of each invoice in [from, to).
const FAILURES = `
  SELECT DISTINCT ON (invoice_id) invoice_id, attempted_at, fingerprint, brand, payment_method_id,
         decline_code, network_decline_code, network_advice_code
    FROM card_attempts
   WHERE outcome = 'failed' AND invoice_id IS NOT NULL AND attempted_at >= $1 AND attempted_at < $2
   ORDER BY invoice_id, attempted_at, id`;

// Their payments (a succeeded attempt on any card, or an `invoice_paid` event) and the amount of their first run.
// Separate flat statements over `= ANY($1)` rather than one join: each is one scan whatever the planner's statistics
// say (a join planned on stale ones, right after a bulk of failures arrived, turned into nested loops).
const PAID_ATTEMPTS = `SELECT invoice_id, attempted_at AS at FROM card_attempts WHERE outcome = 'succeeded' AND invoice_id = ANY($1)`;
const PAID_EVENTS = `SELECT subject_id AS invoice_id, received_at AS at FROM events WHERE kind = 'invoice_paid' AND subject_id = ANY($1)`;
const RUNS = `SELECT DISTINCT ON (invoice_id) invoice_id, customer_id, amount_due, currency FROM runs WHERE invoice_id = ANY($1) ORDER BY invoice_id, started_at`;

// The cards' attempts made outside runs (the provider's, the sandbox's), from a budget window before the period to
// the longest smart window after it: the budgets the simulated retries must fit in. The runs' own retries are left
// out: they are what the backtested policy replaces.
const CARD_ATTEMPTS = `
  SELECT fingerprint, attempted_at, outcome FROM card_attempts
   WHERE source = 'provider' AND fingerprint = ANY($1) AND attempted_at >= $2 AND attempted_at < $3
   ORDER BY fingerprint, attempted_at, id`;

const DAY = 86_400_000;

/** The period's stored failures, their payments and the card history their budgets count, in five flat statements. */
export async function loadStoredFailures(query: SqlQuery, from: number, to: number): Promise<{ failures: StoredFailure[]; cardAttempts: Map<string, CardAttemptFact[]> }> {
  const rows = await query(FAILURES, [new Date(from), new Date(to)]);
  const ids = rows.map((r) => String(r.invoice_id));
  const [paidAttempts, paidEvents, runs] = ids.length === 0 ? [[], [], []] : await Promise.all([PAID_ATTEMPTS, PAID_EVENTS, RUNS].map((sql) => query(sql, [ids])));
  const payments = new Map<string, number[]>();
  for (const p of [...paidAttempts, ...paidEvents]) payments.set(String(p.invoice_id), [...(payments.get(String(p.invoice_id)) ?? []), ms(p.at)!]);
  const runOf = new Map(runs.map((r) => [String(r.invoice_id), r]));
  const failures = rows.map((r): StoredFailure => {
    const failedAt = ms(r.attempted_at)!;
    const run = runOf.get(String(r.invoice_id));
    const after = (payments.get(String(r.invoice_id)) ?? []).filter((t) => t > failedAt);
    return {
      invoiceId: String(r.invoice_id), failedAt, fingerprint: str(r.fingerprint), cardBrand: str(r.brand),
      paymentMethodId: str(r.payment_method_id), declineCode: str(r.decline_code), networkDeclineCode: str(r.network_decline_code),
      networkAdviceCode: str(r.network_advice_code), customerId: str(run?.customer_id),
      amountDue: run?.amount_due == null ? undefined : Number(run.amount_due), currency: str(run?.currency),
      paidAt: after.length ? Math.min(...after) : undefined,
    };
  });
  const fingerprints = [...new Set(failures.map((f) => f.fingerprint).filter((f): f is string => f !== undefined))];
  const cardAttempts = new Map<string, CardAttemptFact[]>();
  if (fingerprints.length === 0) return { failures, cardAttempts };
  for (const r of await query(CARD_ATTEMPTS, [fingerprints, new Date(from - 31 * DAY), new Date(to + 62 * DAY)])) {
    const fp = String(r.fingerprint);
    const list = cardAttempts.get(fp) ?? [];
    list.push({ at: ms(r.attempted_at)!, ...(r.outcome !== 'pending' && { succeeded: r.outcome === 'succeeded' }) });
    cardAttempts.set(fp, list);
  }
  return { failures, cardAttempts };
}

function ms(value: unknown): number | undefined {
  return value == null ? undefined : new Date(value as string | Date).getTime();
}

function str(value: unknown): string | undefined {
  return value == null ? undefined : String(value);
}
