import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { backtestPolicy, type InvoiceBacktest } from '../../../domain/backtest';
import { appConfig } from '../../common/config/app.config';
import { invalidFields } from '../admin/validation';
import { loadStoredFailures } from './backtest-failures';
import type { BacktestDto, BacktestInvoiceResource, BacktestResource } from './dto/backtest.dto';
import { RetryPoliciesService } from './retry-policies.service';

const MAX_SPAN_MS = 366 * 86_400_000;
/** A period with more failures is refused (422): the answer would be too large for one response. */
export const MAX_BACKTEST_FAILURES = 50_000;

/**
 * `POST /v1/retry-policies/{id}/backtest`: the policy over the stored failures of a period (`domain/backtest.ts`).
 * Reads only: nothing is charged, sent, started or stored.
 */
@Injectable()
export class RetryPolicyBacktestService {
  constructor(
    private readonly policies: RetryPoliciesService,
    private readonly db: DataSource,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async backtest(id: string, dto: BacktestDto): Promise<BacktestResource> {
    const policy = await this.policies.get(id);
    const from = Date.parse(dto.from);
    const to = Date.parse(dto.to);
    if (!(to > from)) throw invalidFields([{ path: 'to', message: 'must be after from' }], 'The period is invalid');
    if (to - from > MAX_SPAN_MS) throw invalidFields([{ path: 'to', message: 'at most 366 days after from' }], 'The period is invalid');
    const { failures, cardAttempts } = await loadStoredFailures((sql, params) => this.db.query(sql, params), from, to);
    if (failures.length > MAX_BACKTEST_FAILURES) {
      throw invalidFields([{ path: 'to', message: `${failures.length} failures in the period; at most ${MAX_BACKTEST_FAILURES}: choose a shorter one` }], 'The period is too large');
    }
    const report = backtestPolicy(policy.policy, failures, cardAttempts, { dayMs: this.config.dayMs, otherBrands: this.config.otherBrandBudgets });
    return { policyId: id, from: iso(from), to: iso(to), totals: report.totals, invoices: report.invoices.map(toResource) };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function toResource(i: InvoiceBacktest): BacktestInvoiceResource {
  return {
    invoiceId: i.invoiceId, failedAt: iso(i.failedAt), end: i.end,
    retries: i.retries.map((r) => ({ ...r, at: iso(r.at) })),
    deferrals: i.deferrals.map((d) => ({ ...d, at: iso(d.at), until: iso(d.until) })),
    ...(i.paidAt !== undefined && { paidAt: iso(i.paidAt), retryBeforePayment: i.retryBeforePayment }),
  };
}
