import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidFields } from '../admin/validation';
import type { MoneyResource, RecoveryAnalyticsResource, RecoveryGroup, RecoveryQuery, RecoveryStats } from './dto/recovery.dto';

const DAY_MS = 86_400_000;

/** One SQL group: automation × period × currency. */
interface Row {
  automation_id: string;
  period: string;
  currency: string | null;
  runs: string;
  running: string;
  recovered: string;
  amount_due: string;
  recovered_amount: string;
}

/** Recovery analytics from the run projection (`runs`), grouped in SQL and folded per automation and period. */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recovery(query: RecoveryQuery, now = new Date()): Promise<RecoveryAnalyticsResource> {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw invalidFields([{ path: 'from', message: 'must be before `to`' }]);
    const period = query.period ?? 'month';
    const rows: Row[] = await this.dataSource.query(
      `SELECT automation_id, to_char(date_trunc($1, started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period, currency,
              count(*) AS runs, count(*) FILTER (WHERE status = 'running') AS running,
              count(*) FILTER (WHERE status = 'recovered') AS recovered,
              COALESCE(sum(amount_due), 0) AS amount_due, COALESCE(sum(recovered_amount), 0) AS recovered_amount
         FROM runs
        WHERE started_at >= $2 AND started_at < $3 AND ($4::uuid IS NULL OR automation_id = $4::uuid)
        GROUP BY 1, 2, 3 ORDER BY 2, 1`,
      [period, from, to, query.automationId ?? null],
    );
    const group = (key: (r: Row) => string) => {
      const groups = new Map<string, Row[]>();
      for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
      return [...groups.values()];
    };
    return {
      from: from.toISOString(), to: to.toISOString(), period, totals: stats(rows),
      byAutomation: group((r) => r.automation_id).map((g) => ({ automationId: g[0].automation_id, ...stats(g) })),
      byPeriod: group((r) => r.period).map((g) => ({ period: g[0].period, ...stats(g) })),
      byAutomationAndPeriod: group((r) => `${r.automation_id} ${r.period}`)
        .map((g): RecoveryGroup => ({ automationId: g[0].automation_id, period: g[0].period, ...stats(g) })),
    };
  }
}

function stats(rows: Row[]): RecoveryStats {
  const sum = (f: (r: Row) => string) => rows.reduce((n, r) => n + Number(f(r)), 0);
  const runs = sum((r) => r.runs);
  const running = sum((r) => r.running);
  const recovered = sum((r) => r.recovered);
  const ended = runs - running;
  return {
    runs, running, recovered, recoveryRate: ended ? recovered / ended : null,
    amountDue: perCurrency(rows, (r) => r.amount_due), recoveredAmount: perCurrency(rows, (r) => r.recovered_amount),
  };
}

/** Sums per currency; runs without an amount (customer-triggered) carry no currency and are left out. */
function perCurrency(rows: Row[], f: (r: Row) => string): MoneyResource[] {
  const totals = new Map<string, number>();
  for (const r of rows) if (r.currency) totals.set(r.currency, (totals.get(r.currency) ?? 0) + Number(f(r)));
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount }));
}
