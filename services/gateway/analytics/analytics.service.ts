import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ATTEMPTED_RECOVERY_RULE, byAttribution, byDeclineClass, countsAsRecovery, recoveryCounts, type RecoveryCell,
} from '../../../domain/recovery-analytics';
import type { RunStatus } from '../../../domain/statuses';
import { invalidFields } from '../admin/validation';
import type { FailedRunResource, MoneyResource, RecoveryAnalyticsResource, RecoveryGroup, RecoveryQuery, RecoveryStats } from './dto/recovery.dto';

const DAY_MS = 86_400_000;
const FAILED_RUNS_LISTED = 100;

/** One SQL group: automation × period × currency × what the recovery rules look at. */
interface Row {
  automation_id: string;
  period: string;
  currency: string | null;
  status: RunStatus;
  attribution: string | null;
  decline_class: string | null;
  payment_step: boolean;
  retried: boolean;
  runs: string;
  amount_due: string;
  recovered_amount: string;
}

const cell = (r: Row): RecoveryCell => ({
  status: r.status, paymentStep: r.payment_step, retried: r.retried, attribution: r.attribution, declineClass: r.decline_class, runs: Number(r.runs),
});

/**
 * Recovery analytics from the run projection (`runs`): grouped in SQL, folded by the rules of
 * `domain/recovery-analytics.ts` (payment automations only, technically failed runs apart).
 */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recovery(query: RecoveryQuery, now = new Date()): Promise<RecoveryAnalyticsResource> {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw invalidFields([{ path: 'from', message: 'must be before `to`' }]);
    const period = query.period ?? 'month';
    const range = `r.started_at >= $1 AND r.started_at < $2 AND ($3::uuid IS NULL OR r.automation_id = $3::uuid)`;
    const rows: Row[] = await this.dataSource.query(
      `SELECT r.automation_id, to_char(date_trunc($4, r.started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, r.currency,
              r.status, r.attribution, r.decline_class,
              COALESCE(v.definition -> 'steps' @> '[{"type":"retry_payment"}]'::jsonb, false) AS payment_step,
              EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = r.id AND s.attempt > 0 AND s.status IN ('failed', 'succeeded')) AS retried,
              count(*) AS runs, COALESCE(sum(r.amount_due), 0) AS amount_due, COALESCE(sum(r.recovered_amount), 0) AS recovered_amount
         FROM runs r LEFT JOIN automation_versions v ON v.automation_id = r.automation_id AND v.version = r.automation_version
        WHERE ${range}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 2, 1`,
      [from, to, query.automationId ?? null, period],
    );
    const failed: { id: string; automation_id: string; outcome: string | null; ended_at: Date | null }[] = await this.dataSource.query(
      `SELECT r.id, r.automation_id, r.outcome, r.ended_at FROM runs r WHERE ${range} AND r.status = 'failed' ORDER BY r.ended_at DESC NULLS LAST, r.id LIMIT ${FAILED_RUNS_LISTED}`,
      [from, to, query.automationId ?? null],
    );
    const group = (key: (r: Row) => string) => {
      const groups = new Map<string, Row[]>();
      for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
      return [...groups.values()];
    };
    const cells = rows.map(cell);
    return {
      from: from.toISOString(), to: to.toISOString(), period, attemptedRecoveryRule: ATTEMPTED_RECOVERY_RULE, totals: stats(rows),
      byAutomation: group((r) => r.automation_id).map((g) => ({ automationId: g[0].automation_id, ...stats(g) })),
      byPeriod: group((r) => r.period).map((g) => ({ period: g[0].period, ...stats(g) })),
      byAutomationAndPeriod: group((r) => `${r.automation_id} ${r.period}`)
        .map((g): RecoveryGroup => ({ automationId: g[0].automation_id, period: g[0].period, ...stats(g) })),
      byAttribution: byAttribution(cells),
      byDeclineClass: byDeclineClass(cells),
      failedRuns: failed.map((f): FailedRunResource => ({ id: f.id, automationId: f.automation_id, outcome: f.outcome, endedAt: f.ended_at?.toISOString() ?? null })),
    };
  }
}

function stats(rows: Row[]): RecoveryStats {
  const recoveries = rows.filter((r) => countsAsRecovery(cell(r)));
  return {
    ...recoveryCounts(rows.map(cell)),
    amountDue: perCurrency(rows, (r) => r.amount_due), recoveredAmount: perCurrency(recoveries, (r) => r.recovered_amount),
  };
}

/** Sums per currency; runs without an amount (customer-triggered) carry no currency and are left out. */
function perCurrency(rows: Row[], f: (r: Row) => string): MoneyResource[] {
  const totals = new Map<string, number>();
  for (const r of rows) if (r.currency) totals.set(r.currency, (totals.get(r.currency) ?? 0) + Number(f(r)));
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}
