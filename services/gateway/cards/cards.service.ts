import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { budgetStandings, budgetsFor } from '../../../domain/card-network/card-budgets';
import { visaCategoryOf, networkOf } from '../../../domain/card-network/decline-classifier';
import { appConfig } from '../../common/config/app.config';
import { CardAttemptStore } from '../../common/database/card-attempt-store';
import type { CardAttemptEntity } from '../../common/database/entities/card-attempt.entity';
import { notFound } from '../admin/problems';
import type { CardAttemptResource, CardAttemptsResource } from './dto/card-attempts.resource';

/** Card fingerprints as providers issue them (Stripe: 16 alphanumerics; the sandbox: fp_…). */
const FINGERPRINT = /^[A-Za-z0-9_-]{1,128}$/;

/** The per-card view: the attempt log and the budgets now, for REST and GraphQL. */
@Injectable()
export class CardsService {
  private readonly store: CardAttemptStore;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {
    this.store = new CardAttemptStore(dataSource);
  }

  async attempts(fingerprint: string, now = Date.now()): Promise<CardAttemptsResource> {
    if (!FINGERPRINT.test(fingerprint)) throw notFound('card', fingerprint);
    const rows = await this.store.list(fingerprint);
    if (rows.length === 0) throw notFound('attempt on card', fingerprint);
    const brand = rows.findLast((r) => r.brand)?.brand ?? null;
    const facts = rows.map((r) => ({ at: r.attemptedAt.getTime(), ...(r.outcome !== 'pending' && { succeeded: r.outcome === 'succeeded' }) }));
    const block = rows.findLast((r) => r.declineClass === 'never_on_this_card');
    return {
      fingerprint, brand, blockedBy: block?.declineRule ?? null,
      attempts: rows.map((r) => toResource(r, brand)),
      budgets: budgetStandings(budgetsFor(brand ?? undefined, now, this.config.otherBrandBudgets), facts, now, this.config.dayMs).map((s) => ({
        rule: s.rule, maxAttempts: s.maxAttempts, windowHours: s.windowHours, used: s.used, remaining: s.remaining,
        nextSlotAt: s.nextSlotAt === undefined ? null : new Date(s.nextSlotAt).toISOString(),
      })),
    };
  }
}

function toResource(r: CardAttemptEntity, brand: string | null): CardAttemptResource {
  const visa = networkOf(r.brand ?? brand ?? undefined) === 'visa' && r.networkDeclineCode;
  return {
    at: r.attemptedAt.toISOString(), source: r.source, outcome: r.outcome, runId: r.runId, invoiceId: r.invoiceId,
    paymentMethodId: r.paymentMethodId, chargeId: r.chargeId, declineCode: r.declineCode, networkDeclineCode: r.networkDeclineCode,
    visaCategory: visa ? visaCategoryOf(r.networkDeclineCode!, r.attemptedAt.getTime()) : null,
    networkAdviceCode: r.networkAdviceCode, declineClass: r.declineClass, declineRule: r.declineRule,
  };
}
