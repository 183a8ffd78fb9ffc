import type { DataSource } from 'typeorm';
import type { CardAttemptLedger } from '../../../activities/deps';
import { capFor, checkNetworkCap, type CapDecision } from '../../../domain/network-caps';
import { CardAttemptEntity } from '../../common/database/entities/card-attempt.entity';

type Request = Parameters<CardAttemptLedger['reserve']>[0];

/**
 * Card attempts per fingerprint in `card_attempts`. A transaction-scoped advisory lock on the fingerprint
 * makes read-decide-insert atomic per card, so concurrent runs dunning one card can never overshoot the
 * network cap; the decision itself is the domain's pure `checkNetworkCap`.
 */
export class PostgresCardAttemptLedger implements CardAttemptLedger {
  constructor(private readonly dataSource: DataSource) {}

  reserve({ fingerprint, cardBrand, at, dayMs, idempotencyKey }: Request): Promise<CapDecision> {
    return this.dataSource.transaction(async (tx) => {
      // hashtext collisions only make two cards wait for each other; they never share a count.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`card:${fingerprint}`]);
      if (await tx.existsBy(CardAttemptEntity, { idempotencyKey })) return { allowed: true }; // a retried charge
      const cap = capFor(cardBrand);
      if (cap) {
        const since = new Date(at - cap.windowDays * dayMs);
        const rows = await tx.createQueryBuilder(CardAttemptEntity, 'a').select('a.attemptedAt', 'attemptedAt')
          .where('a.fingerprint = :fingerprint AND a.attemptedAt > :since', { fingerprint, since }).getRawMany<{ attemptedAt: Date }>();
        const decision = checkNetworkCap(cap, rows.map((r) => new Date(r.attemptedAt).getTime()), at, dayMs);
        if (!decision.allowed) return decision;
      }
      await tx.insert(CardAttemptEntity, { fingerprint, brand: cardBrand?.toLowerCase() ?? null, attemptedAt: new Date(at), idempotencyKey });
      return { allowed: true };
    });
  }
}
