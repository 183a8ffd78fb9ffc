import { Client } from 'pg';
import { backtestPolicy } from '../domain/backtest';
import { DEFAULT_OTHER_BRAND_BUDGET } from '../domain/card-network/card-budgets';
import { loadStoredFailures } from '../services/gateway/retry-policies/backtest-failures';
import { seedStoredFailures } from '../testkit/stored-failures';
import type { BenchInfra } from './infra';
import { fmt, type Row } from './table';

const FAILURES = 10_000;
const DAY = 86_400_000;

/**
 * `POST /v1/retry-policies/{id}/backtest`'s work on 10 000 stored failures (3 333 cards, a third paid later): the
 * same two SQL reads and the same pure simulation the service runs, timed together, beside the reads alone.
 */
export async function measureBacktest(infra: BenchInfra): Promise<Row[]> {
  const client = new Client({ connectionString: infra.databaseUrl });
  await client.connect();
  try {
    const query = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows as Record<string, unknown>[];
    const start = Date.UTC(2026, 0, 1);
    await seedStoredFailures(query, FAILURES, start);
    const period = [start, start + FAILURES * 60_000 + 1] as const;
    const readStarted = performance.now();
    await loadStoredFailures(query, ...period);
    const readMs = performance.now() - readStarted;
    const started = performance.now();
    const { failures, cardAttempts } = await loadStoredFailures(query, ...period);
    const report = backtestPolicy({ type: 'smart', window: '2m', maxRetries: 8 }, failures, cardAttempts, { dayMs: DAY, otherBrands: [DEFAULT_OTHER_BRAND_BUDGET] });
    const totalMs = performance.now() - started;
    if (report.invoices.length !== FAILURES) throw new Error(`backtested ${report.invoices.length} invoices, expected ${FAILURES}`);
    const t = report.totals;
    return [{
      name: 'backtest, 10 000 stored failures', value: fmt(totalMs), baseline: fmt(readMs), unit: 'ms',
      notes: `smart 2m/8 over ${t.invoices} invoices: ${t.retries} retries, ${t.deferrals} deferrals, ${t.retryBeforePayment}/${t.paidLater} paid invoices had a retry before their payment; baseline: the SQL reads alone`,
      goal: { on: 'value', op: 'max', target: 10_000 },
    }];
  } finally {
    await client.end();
  }
}
