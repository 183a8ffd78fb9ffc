import type { DataSource, EntityManager } from 'typeorm';
import type { CardAttemptLedger, ObservedCardAttempt } from '../../../activities/deps';
import type { PaymentAttempt } from '../../../domain/billing';
import type { BudgetRule } from '../../../domain/card-network/card-budgets';
import { decideCardAttempt, type CardBlock, type CardDecision } from '../../../domain/card-network/card-decision';
import { classifyDecline } from '../../../domain/card-network/decline-classifier';
import { CardAttemptEntity } from './entities/card-attempt.entity';
import { preparedStatement, queryPrepared } from './prepared-statement';

type ReserveRequest = Parameters<CardAttemptLedger['reserve']>[0];

const cardLockKey = (fingerprint: string) => `card:${fingerprint}`;

/** The longest budget window (30 days) in real hours: older attempts never count. */
const LONGEST_WINDOW_HOURS = 30 * 24;

const OBSERVE = preparedStatement('card_attempt_observe', `WITH lock AS (SELECT pg_advisory_xact_lock(hashtext($1)))
   INSERT INTO card_attempts (fingerprint, brand, attempted_at, idempotency_key, source, invoice_id, payment_method_id, charge_id,
                              outcome, decline_code, network_decline_code, network_advice_code, decline_class, decline_rule)
   SELECT $2, $3, $4::timestamptz, $5, 'provider', $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM lock
   ON CONFLICT DO NOTHING RETURNING id`);

/**
 * The card attempt log in `card_attempts`. A transaction-scoped advisory lock on the fingerprint makes
 * read-decide-insert atomic per card, so concurrent runs dunning one card never overshoot a budget; the
 * decisions are the domain's (`decideCardAttempt`, `classifyDecline`). One attempt is one row: the run's
 * charge key is unique, and so is the provider's charge id, which a run's attempt and the provider's event
 * about it share (whichever lands second merges into the first).
 */
export class CardAttemptStore implements CardAttemptLedger {
  constructor(private readonly dataSource: DataSource, private readonly otherBrands?: readonly BudgetRule[]) {}

  reserve(r: ReserveRequest): Promise<CardDecision> {
    return this.locked(r.fingerprint, async (tx) => {
      if (await tx.existsBy(CardAttemptEntity, { idempotencyKey: r.idempotencyKey })) return { allowed: true }; // a retried charge
      const since = new Date(r.at - (LONGEST_WINDOW_HOURS / 24) * r.dayMs);
      const rows = await tx.createQueryBuilder(CardAttemptEntity, 'a').where('a.fingerprint = :fp AND a.attemptedAt > :since', { fp: r.fingerprint, since }).getMany();
      const card = { cardBrand: r.cardBrand, paymentMethodId: r.paymentMethodId };
      const attempts = rows.map((a) => ({ at: a.attemptedAt.getTime(), ...(a.outcome !== 'pending' && { succeeded: a.outcome === 'succeeded' }) }));
      const decision = decideCardAttempt(card, await latestBlock(tx, r.fingerprint), attempts, r.at, r.dayMs, this.otherBrands);
      if (!decision.allowed) return decision;
      await tx.insert(CardAttemptEntity, {
        fingerprint: r.fingerprint, brand: r.cardBrand?.toLowerCase() ?? null, attemptedAt: new Date(r.at), idempotencyKey: r.idempotencyKey,
        source: 'run', runId: r.runId ?? null, invoiceId: r.invoiceId ?? null, paymentMethodId: r.paymentMethodId ?? null,
      });
      return { allowed: true };
    });
  }

  settle({ fingerprint, idempotencyKey, attempt }: { fingerprint: string; idempotencyKey: string; attempt: PaymentAttempt }): Promise<void> {
    return this.locked(fingerprint, async (tx) => {
      const row = await tx.findOneBy(CardAttemptEntity, { idempotencyKey });
      if (!row) return;
      // The provider's event about this very charge may have been recorded first: one attempt, one row.
      if (attempt.chargeId) await tx.delete(CardAttemptEntity, { chargeId: attempt.chargeId, source: 'provider' });
      await tx.update(CardAttemptEntity, { id: row.id }, { ...outcomeColumns(attempt.status === 'succeeded', attempt, row.brand ?? attempt.cardBrand, attempt.attemptedAt), chargeId: attempt.chargeId ?? null });
    });
  }

  /**
   * One statement (the card's lock taken inside it, held to its end): the insert is refused by the unique
   * charge id when the run's own attempt already carries it, and by the idempotency key on a redelivery.
   */
  async observe(o: ObservedCardAttempt): Promise<{ recorded: boolean }> {
    const c = outcomeColumns(o.succeeded, o, o.cardBrand, o.at);
    const inserted = await queryPrepared(this.dataSource.manager, OBSERVE,
      [cardLockKey(o.fingerprint), o.fingerprint, o.cardBrand?.toLowerCase() ?? null, new Date(o.at), `observed:${o.chargeId ?? o.eventKey}`,
        o.invoiceId ?? null, o.paymentMethodId ?? null, o.chargeId ?? null, c.outcome, c.declineCode, c.networkDeclineCode, c.networkAdviceCode,
        c.declineClass, c.declineRule],
    );
    return { recorded: inserted.length > 0 };
  }

  /** Every attempt on the card, oldest first. */
  list(fingerprint: string): Promise<CardAttemptEntity[]> {
    return this.dataSource.manager.find(CardAttemptEntity, { where: { fingerprint }, order: { attemptedAt: 'ASC', id: 'ASC' } });
  }

  private locked<T>(fingerprint: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      // hashtext collisions only make two cards wait for each other; they never share a count.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [cardLockKey(fingerprint)]);
      return work(tx);
    });
  }
}

type Codes = Pick<PaymentAttempt, 'declineCode' | 'networkDeclineCode' | 'networkAdviceCode'>;

function outcomeColumns(succeeded: boolean, c: Codes, cardBrand: string | null | undefined, at: number) {
  const verdict = succeeded ? undefined : classifyDecline({ ...c, cardBrand: cardBrand ?? undefined, at });
  return {
    outcome: succeeded ? ('succeeded' as const) : ('failed' as const),
    declineCode: c.declineCode ?? null, networkDeclineCode: c.networkDeclineCode ?? null, networkAdviceCode: c.networkAdviceCode ?? null,
    declineClass: verdict?.kind ?? null, declineRule: verdict?.rule ?? null,
  };
}

async function latestBlock(tx: EntityManager, fingerprint: string): Promise<CardBlock | undefined> {
  const row = await tx.findOne(CardAttemptEntity, { where: { fingerprint, declineClass: 'never_on_this_card' }, order: { createdAt: 'DESC', id: 'DESC' } });
  return row ? { rule: row.declineRule ?? 'never_on_this_card', declineCode: row.declineCode ?? undefined, paymentMethodId: row.paymentMethodId ?? undefined } : undefined;
}
