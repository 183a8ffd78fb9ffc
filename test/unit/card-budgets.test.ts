import fc from 'fast-check';
import { budgetStandings, budgetsFor, checkCardBudgets, parseBudgetRules, type CardAttemptFact } from '../../domain/card-network/card-budgets';

const DAY = 86_400_000;
const HOUR = DAY / 24;
const t0 = Date.UTC(2026, 11, 1);
const failed = (times: number[]): CardAttemptFact[] => times.map((at) => ({ at, succeeded: false }));
const ids = (brand: string, at: number) => budgetsFor(brand, at).map((r) => r.id);

describe('per-card budgets', () => {
  it('applies the Visa rule in force at the attempt: 15 before 2025-05-25, 20 from then', () => {
    expect(ids('visa', Date.UTC(2025, 4, 24))).toEqual(['visa-15-per-30d']);
    expect(ids('visa', Date.UTC(2025, 4, 25))).toEqual(['visa-20-per-30d']);
    expect(ids('MasterCard', t0)).toEqual(['mastercard-10-per-24h', 'mastercard-35-per-30d']);
    expect(ids('amex', t0)).toEqual(['other-15-per-30d']);
  });

  it('lets a Visa card take 20 attempts in 30 days, succeeded or not, then names the rule', () => {
    const rules = budgetsFor('visa', t0);
    const attempts = Array.from({ length: 20 }, (_, i) => ({ at: t0 + i * HOUR, succeeded: i === 3 }));
    expect(checkCardBudgets(rules, attempts.slice(0, 19), t0 + 20 * HOUR, DAY)).toEqual({ allowed: true });
    expect(checkCardBudgets(rules, attempts, t0 + 20 * HOUR, DAY)).toEqual({ allowed: false, retryAt: t0 + 30 * DAY, rule: 'visa-20-per-30d', used: 20, max: 20 });
  });

  it('holds a Mastercard to 10 declines a day and 35 in 30 days, the longer wait winning', () => {
    const rules = budgetsFor('mastercard', t0);
    const day = failed(Array.from({ length: 10 }, (_, i) => t0 + i * HOUR));
    expect(checkCardBudgets(rules, day, t0 + 12 * HOUR, DAY)).toMatchObject({ allowed: false, rule: 'mastercard-10-per-24h', retryAt: t0 + DAY });
    // Successful charges are not declines.
    expect(checkCardBudgets(rules, day.map((a, i) => ({ ...a, succeeded: i === 0 })), t0 + 12 * HOUR, DAY)).toEqual({ allowed: true });
    const month = failed(Array.from({ length: 35 }, (_, i) => t0 + i * 20 * HOUR));
    const at = t0 + 35 * 20 * HOUR;
    expect(checkCardBudgets(rules, month, at, DAY)).toMatchObject({ allowed: false, rule: 'mastercard-35-per-30d', retryAt: t0 + 30 * DAY });
  });

  it('counts attempts stamped slightly later by another run (clock skew)', () => {
    const twenty = Array.from({ length: 20 }, () => ({ at: t0 + 5 }));
    expect(checkCardBudgets(budgetsFor('visa', t0), twenty, t0, DAY).allowed).toBe(false);
  });

  it('reads configured budgets for other brands and refuses malformed ones', () => {
    expect(parseBudgetRules('10/24h, 35/30d')).toEqual([
      { id: 'other-10-per-24h', maxAttempts: 10, windowHours: 24, counts: 'attempts' },
      { id: 'other-35-per-30d', maxAttempts: 35, windowHours: 720, counts: 'attempts' },
    ]);
    for (const bad of ['', '15', '0/30d', '15/30w', '15/30d,']) expect(parseBudgetRules(bad)).toBeUndefined();
    expect(budgetsFor('discover', t0, parseBudgetRules('3/1d')).map((r) => r.id)).toEqual(['other-3-per-1d']);
  });

  it('scales the windows with the day length', () => {
    const rules = budgetsFor('mastercard', t0);
    expect(checkCardBudgets(rules, failed(Array.from({ length: 10 }, (_, i) => i * 10)), 100, 2_000)).toMatchObject({ allowed: false, retryAt: 2_000 });
  });

  it('reports the remaining budget under each rule', () => {
    expect(budgetStandings(budgetsFor('mastercard', t0), failed([t0 - 2 * DAY, t0 - HOUR]), t0, DAY)).toEqual([
      { rule: 'mastercard-10-per-24h', maxAttempts: 10, windowHours: 24, used: 1, remaining: 9 },
      { rule: 'mastercard-35-per-30d', maxAttempts: 35, windowHours: 720, used: 2, remaining: 33 },
    ]);
  });

  it('never lets attempts taken when allowed exceed any budget in any window (any brand, any times)', () => {
    fc.assert(fc.property(fc.constantFrom('visa', 'mastercard', 'amex'), fc.array(fc.integer({ min: 0, max: 60 * 24 }), { minLength: 1, maxLength: 120 }), (brand, hours) => {
      const rules = budgetsFor(brand, t0);
      const taken: CardAttemptFact[] = [];
      for (const h of [...hours].sort((a, b) => a - b)) {
        const at = t0 + h * HOUR;
        const d = checkCardBudgets(rules, taken, at, DAY);
        if (d.allowed) taken.push({ at, succeeded: false });
        else expect(d.retryAt).toBeGreaterThan(at);
      }
      for (const rule of rules) for (const a of taken) {
        expect(taken.filter((b) => b.at > a.at - rule.windowHours * HOUR && b.at <= a.at).length).toBeLessThanOrEqual(rule.maxAttempts);
      }
    }));
  });
});
