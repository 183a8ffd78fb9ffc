import type { ActivityDeps, CardAttemptLedger, Mailer } from '../../activities';
import { decideCardAttempt, type CardBlock, type CardDecision } from '../../domain/card-network/card-decision';
import { classifyDecline } from '../../domain/card-network/decline-classifier';
import type { TeamEmailPolicy } from '../../domain/team-recipients';
import { FakeBilling } from '../../testkit/fake-billing';

/** In-memory stand-ins for the PostgreSQL-backed ports, for running the real activities in tests. */

/** The card ledger with the semantics the PostgreSQL one must have: atomic per card, idempotent per key. */
export class InMemoryCardLedger implements CardAttemptLedger {
  readonly attempts = new Map<string, { at: number; key: string; succeeded?: boolean; chargeId?: string; paymentMethodId?: string; block?: CardBlock }[]>();
  readonly refusals: { fingerprint: string; at: number; retryAt: number; rule: string }[] = [];

  async reserve(r: Parameters<CardAttemptLedger['reserve']>[0]): Promise<CardDecision> {
    const card = this.attempts.get(r.fingerprint) ?? [];
    if (card.some((a) => a.key === r.idempotencyKey)) return { allowed: true };
    const block = card.findLast((a) => a.block)?.block;
    const decision = decideCardAttempt({ cardBrand: r.cardBrand, paymentMethodId: r.paymentMethodId }, block, card, r.at, r.dayMs);
    if (decision.allowed) this.attempts.set(r.fingerprint, [...card, { at: r.at, key: r.idempotencyKey, paymentMethodId: r.paymentMethodId }]);
    else if (!('blocked' in decision)) this.refusals.push({ fingerprint: r.fingerprint, at: r.at, retryAt: decision.retryAt, rule: decision.rule });
    return decision;
  }

  async settle({ fingerprint, idempotencyKey, attempt }: Parameters<CardAttemptLedger['settle']>[0]): Promise<void> {
    const row = this.attempts.get(fingerprint)?.find((a) => a.key === idempotencyKey);
    if (!row) return;
    Object.assign(row, { succeeded: attempt.status === 'succeeded', chargeId: attempt.chargeId });
    const verdict = attempt.status === 'failed' ? classifyDecline({ ...attempt, at: attempt.attemptedAt }) : undefined;
    if (verdict?.kind === 'never_on_this_card') row.block = { rule: verdict.rule, declineCode: attempt.declineCode, paymentMethodId: row.paymentMethodId };
  }

  async observe(o: Parameters<CardAttemptLedger['observe']>[0]): Promise<{ recorded: boolean }> {
    const card = this.attempts.get(o.fingerprint) ?? [];
    const key = `observed:${o.chargeId ?? o.eventKey}`;
    if (card.some((a) => a.key === key || (o.chargeId && a.chargeId === o.chargeId))) return { recorded: false };
    this.attempts.set(o.fingerprint, [...card, { at: o.at, key, succeeded: o.succeeded, chargeId: o.chargeId }]);
    return { recorded: true };
  }
}

/** A mailer that keeps what it would send. */
export function recordingMailer(): Mailer & { sent: Parameters<Mailer['send']>[0][] } {
  const sent: Parameters<Mailer['send']>[0][] = [];
  return {
    sent,
    async send(message) {
      const duplicate = sent.some((m) => m.idempotencyKey === message.idempotencyKey);
      if (!duplicate) sent.push(message);
      return { messageId: `msg:${message.idempotencyKey}`, duplicate, outcome: 'sent' };
    },
  };
}

export const teamPolicy: TeamEmailPolicy = { companyDomains: ['acme.test'], accountUserEmails: ['owner@gmail.test'] };

/** All ports, in memory. */
export function inMemoryDeps(overrides: Partial<ActivityDeps> = {}): ActivityDeps {
  return {
    billing: new FakeBilling({ unknownIds: 'invent' }),
    mailer: recordingMailer(),
    records: { record: async () => undefined },
    cardLedger: new InMemoryCardLedger(),
    derivedEvents: { raise: async () => ({ accepted: true }) },
    webhooks: { emit: async () => ({ status: 200 }) },
    teamEmailPolicy: async () => teamPolicy,
    ...overrides,
  };
}
