import fc from 'fast-check';
import { parseBudgetRules } from '../../domain/card-network/card-budgets';
import { addPruneCounts, longestBudgetWindowMs, MIN_RETENTION_DAYS, NO_PRUNE_COUNTS, pruneFinished, retentionCutoffs } from '../../domain/retention';
import { parseEnv } from '../../services/common/config/app.config';

const DAY = 86_400_000;
const now = Date.parse('2026-12-01T00:00:00Z');

describe('retention cutoffs', () => {
  it('prunes data RETENTION_DAYS back, and card attempts no closer than the 30-day budget windows plus a day', () => {
    expect(retentionCutoffs(now, 400)).toEqual({ data: now - 400 * DAY, cardAttempts: now - 400 * DAY });
    expect(retentionCutoffs(now, 31)).toEqual({ data: now - 31 * DAY, cardAttempts: now - 31 * DAY });
    expect(retentionCutoffs(now, 5)).toEqual({ data: now - 5 * DAY, cardAttempts: now - 31 * DAY });
  });

  it('follows a configured budget window longer than the networks\' own', () => {
    const sixtyDays = parseBudgetRules('5/60d')!;
    expect(longestBudgetWindowMs(sixtyDays)).toBe(60 * DAY);
    expect(retentionCutoffs(now, 31, sixtyDays).cardAttempts).toBe(now - 61 * DAY);
  });

  it('never lets a card attempt inside any budget window go (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 24 * 365 }), (days, hours) => {
      const rules = parseBudgetRules(`3/${hours}h`)!;
      const { data, cardAttempts } = retentionCutoffs(now, days, rules);
      return cardAttempts <= data && now - cardAttempts > longestBudgetWindowMs(rules) && longestBudgetWindowMs(rules) >= 30 * DAY;
    }));
  });

  it('is refused below the floor by the configuration, with the reason', () => {
    expect(() => parseEnv({ RETENTION_DAYS: String(MIN_RETENTION_DAYS - 1) })).toThrow(/RETENTION_DAYS.*at least 31 \(card budgets look back 30 days\)/);
    expect(parseEnv({}).deploy.retentionDays).toBe(400);
  });

  it('sums batches and stops when every kind came in short of the batch size', () => {
    const batch = { eventPayloads: 2, emailBodies: 1, outboxRows: 0, cardAttempts: 2 };
    expect(addPruneCounts(addPruneCounts(NO_PRUNE_COUNTS, batch), batch)).toEqual({ eventPayloads: 4, emailBodies: 2, outboxRows: 0, cardAttempts: 4 });
    expect(pruneFinished(batch, 2)).toBe(false);
    expect(pruneFinished(batch, 3)).toBe(true);
  });
});
