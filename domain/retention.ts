import { CARD_BUDGETS, DEFAULT_OTHER_BRAND_BUDGET, type BudgetRule } from './card-network/card-budgets';

/**
 * Data retention: what the daily prune may drop, as a pure function of the clock and the configuration.
 *
 *   data cutoff         = now − RETENTION_DAYS × 1 day
 *   card attempt cutoff = min(data cutoff, now − (longest card budget window + 1 day))
 *
 * Card attempts feed the networks' retry budgets (Visa 20 and Mastercard 35 per 30 days, other brands as
 * configured): pruning one inside a window would let a run retry more often than the network allows, so the
 * card cutoff never comes closer than the longest window plus a day of margin, whatever RETENTION_DAYS says.
 */

const DAY_MS = 86_400_000;

/** The smallest RETENTION_DAYS accepted: the 30-day card budget windows plus one day. */
export const MIN_RETENTION_DAYS = 31;

/** Epoch ms before which each kind of stored data is pruned. */
export interface RetentionCutoffs {
  /** Event payloads, rendered email bodies, outbox rows never dispatched. */
  data: number;
  /** Card attempts (the latest block of a card is kept whatever its age). */
  cardAttempts: number;
}

/** The cutoffs at `now` for `retentionDays`, with the card budget floor applied. */
export function retentionCutoffs(now: number, retentionDays: number, otherBrands: readonly BudgetRule[] = [DEFAULT_OTHER_BRAND_BUDGET]): RetentionCutoffs {
  const data = now - retentionDays * DAY_MS;
  return { data, cardAttempts: Math.min(data, now - longestBudgetWindowMs(otherBrands) - DAY_MS) };
}

/** The longest window any card budget counts attempts over, in real time (a real day is 24 h). */
export function longestBudgetWindowMs(otherBrands: readonly BudgetRule[]): number {
  const rules = [...Object.values(CARD_BUDGETS).flat(), ...otherBrands];
  return Math.max(...rules.map((rule) => rule.windowHours)) * (DAY_MS / 24);
}

/** Rows one prune (or one batch of it) touched, per kind. */
export interface PruneCounts {
  eventPayloads: number;
  emailBodies: number;
  outboxRows: number;
  cardAttempts: number;
}

/** No rows at all: the start of a sum. */
export const NO_PRUNE_COUNTS: PruneCounts = { eventPayloads: 0, emailBodies: 0, outboxRows: 0, cardAttempts: 0 };

/** The sum of two counts, kind by kind. */
export function addPruneCounts(a: PruneCounts, b: PruneCounts): PruneCounts {
  return {
    eventPayloads: a.eventPayloads + b.eventPayloads,
    emailBodies: a.emailBodies + b.emailBodies,
    outboxRows: a.outboxRows + b.outboxRows,
    cardAttempts: a.cardAttempts + b.cardAttempts,
  };
}

/** Whether a batch that was allowed `batchSize` rows per kind left nothing behind (every kind came in short). */
export function pruneFinished(counts: PruneCounts, batchSize: number): boolean {
  return Object.values(counts).every((n) => n < batchSize);
}
