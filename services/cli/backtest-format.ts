import type { BacktestResource } from '../gateway/retry-policies/dto/backtest.dto';

/** The backtest report as terminal lines: the totals with the rule of each, then one line per invoice (`limit` of them). */
export function renderBacktest(report: BacktestResource, limit: number): string {
  const t = report.totals;
  const lines = [
    `Backtest of retry policy ${report.policyId}, failures from ${report.from} to ${report.to}`,
    '',
    `  invoices              ${t.invoices}`,
    `  retries               ${t.retries}   (${t.rules.retries})`,
    `  network deferrals     ${t.deferrals}   (${t.rules.deferrals})`,
    `  paid later            ${t.paidLater}   (${t.rules.paidLater})`,
    `  retry before payment  ${t.retryBeforePayment}   (${t.rules.retryBeforePayment})`,
    '',
  ];
  for (const i of report.invoices.slice(0, limit)) {
    const retries = i.retries.map((r) => r.at.slice(0, 16).replace('T', ' ')).join(', ') || 'none';
    const deferred = i.deferrals.length ? `; ${i.deferrals.length} deferred (${[...new Set(i.deferrals.map((d) => d.rule))].join(', ')})` : '';
    const paid = i.paidAt ? `; paid ${i.paidAt.slice(0, 16).replace('T', ' ')}, ${i.retryBeforePayment ? 'a retry came first' : 'before any retry'}` : '';
    lines.push(`  ${i.invoiceId}  failed ${i.failedAt.slice(0, 16).replace('T', ' ')}  ${i.end}: retries ${retries}${deferred}${paid}`);
  }
  if (report.invoices.length > limit) lines.push(`  … ${report.invoices.length - limit} more (--limit N, or --json for all)`);
  return lines.join('\n');
}
