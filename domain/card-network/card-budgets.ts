import { networkOf } from './decline-classifier';
import { inForce, type Effective } from './effective-rule';

/**
 * Per-card retry budgets: how many attempts one physical card (fingerprint) may take in a window, counted
 * over every attempt on it whoever made it (any run, any automation, the provider's own charges, sandbox
 * charges). Windows are the rule's real duration scaled by the run's day length (`dayMs`), so a demo with
 * 2-second days keeps the same proportions. Sources:
 *  - Visa excessive-reattempt rule: at most 15 reattempts per card in 30 days (Visa Core Rules, as published
 *    by Forte and Evolve), raised to 20 on 2025-05-25 (Visa Core Rules 2026 as published by TabaPay, Cielo
 *    "Card Brands Retry Program" and Checkout.com "Changes to Visa system integrity fees"). Counted here
 *    over all attempts, first charges included: stricter than "reattempts" by one, never looser.
 *  - Mastercard excessive-retry programme: at most 10 declines per card at one merchant in 24 h and 35 in
 *    30 days (Mastercard Merchant Advice Code documentation as published by Braintree/PayPal and Antom).
 *    An attempt whose outcome is not known yet counts as a decline.
 *  - Other brands: `otherBrands` (config `CARD_BUDGET_OTHER_BRANDS`, default 15 attempts per 30 days, the
 *    most conservative network rule encoded above).
 */
export interface BudgetRule extends Effective {
  /** Stable id named in deferral reasons and the card API, e.g. `visa-20-per-30d`. */
  id: string;
  maxAttempts: number;
  windowHours: number;
  /** `declines`: only attempts that did not succeed count (Mastercard); `attempts`: all of them (Visa). */
  counts: 'attempts' | 'declines';
}

const DAYS_30 = 30 * 24;

/** The dated budgets by network; the rules in force at the attempt's time apply. */
export const CARD_BUDGETS: Readonly<Record<'visa' | 'mastercard', readonly BudgetRule[]>> = {
  visa: [
    { id: 'visa-15-per-30d', maxAttempts: 15, windowHours: DAYS_30, counts: 'attempts', until: '2025-05-25' },
    { id: 'visa-20-per-30d', maxAttempts: 20, windowHours: DAYS_30, counts: 'attempts', from: '2025-05-25' },
  ],
  mastercard: [
    { id: 'mastercard-10-per-24h', maxAttempts: 10, windowHours: 24, counts: 'declines' },
    { id: 'mastercard-35-per-30d', maxAttempts: 35, windowHours: DAYS_30, counts: 'declines' },
  ],
};

/** The default budget for brands without a network rule here. */
export const DEFAULT_OTHER_BRAND_BUDGET: BudgetRule = { id: 'other-15-per-30d', maxAttempts: 15, windowHours: DAYS_30, counts: 'attempts' };

const BUDGET_TEXT = /^(\d{1,4})\/(\d{1,4})(h|d)$/;

/** Parses budgets written as `15/30d` or `10/24h,35/30d` (max attempts / window); undefined when malformed. */
export function parseBudgetRules(text: string): BudgetRule[] | undefined {
  const rules = text.split(',').map((part) => BUDGET_TEXT.exec(part.trim()));
  if (rules.some((m) => !m || Number(m[1]) < 1 || Number(m[2]) < 1)) return undefined;
  return rules.map((m) => {
    const windowHours = Number(m![2]) * (m![3] === 'd' ? 24 : 1);
    return { id: `other-${m![1]}-per-${m![2]}${m![3]}`, maxAttempts: Number(m![1]), windowHours, counts: 'attempts' as const };
  });
}

/** One earlier attempt on the card: its time on the run's clock and whether it succeeded (undefined: not known yet). */
export interface CardAttemptFact {
  at: number;
  succeeded?: boolean;
}

/** The budgets in force for a brand at `at`. */
export function budgetsFor(cardBrand: string | undefined, at: number, otherBrands: readonly BudgetRule[] = [DEFAULT_OTHER_BRAND_BUDGET]): BudgetRule[] {
  const network = networkOf(cardBrand);
  return (network ? CARD_BUDGETS[network] : otherBrands).filter((rule) => inForce(rule, at));
}

export type BudgetDecision = { allowed: true } | { allowed: false; retryAt: number; rule: string; used: number; max: number };

/** The remaining budget of one rule at `now`. */
export interface BudgetStanding {
  rule: string;
  maxAttempts: number;
  windowHours: number;
  used: number;
  remaining: number;
  /** When the next slot frees up (epoch ms), if the budget is used up. */
  nextSlotAt?: number;
}

function counted(rule: BudgetRule, attempts: readonly CardAttemptFact[], at: number, dayMs: number): number[] {
  const windowMs = (rule.windowHours / 24) * dayMs;
  // No upper bound: another run's attempt stamped a few ms "later" (clock skew) still uses up the budget.
  return attempts.filter((a) => a.at > at - windowMs && (rule.counts === 'attempts' || a.succeeded !== true)).map((a) => a.at).sort((a, b) => a - b);
}

/** Where each rule stands at `now` for the card's attempts. */
export function budgetStandings(rules: readonly BudgetRule[], attempts: readonly CardAttemptFact[], now: number, dayMs: number): BudgetStanding[] {
  return rules.map((rule) => {
    const times = counted(rule, attempts, now, dayMs);
    const remaining = Math.max(0, rule.maxAttempts - times.length);
    // The (n - max + 1)-th oldest must leave the window before another attempt fits.
    const nextSlotAt = remaining === 0 ? times[times.length - rule.maxAttempts] + (rule.windowHours / 24) * dayMs : undefined;
    return { rule: rule.id, maxAttempts: rule.maxAttempts, windowHours: rule.windowHours, used: times.length, remaining, ...(nextSlotAt !== undefined && { nextSlotAt }) };
  });
}

/**
 * Whether one more attempt at `at` keeps the card within every budget. Refused: `retryAt` is the first
 * moment all refusing rules have a free slot (counts only fall as time passes without attempts, so the
 * latest of their next slots is enough), and `rule` names the rule that waits longest.
 */
export function checkCardBudgets(rules: readonly BudgetRule[], attempts: readonly CardAttemptFact[], at: number, dayMs: number): BudgetDecision {
  let refusal: BudgetDecision = { allowed: true };
  for (const s of budgetStandings(rules, attempts, at, dayMs)) {
    if (s.nextSlotAt !== undefined && (refusal.allowed || s.nextSlotAt > refusal.retryAt)) {
      refusal = { allowed: false, retryAt: s.nextSlotAt, rule: s.rule, used: s.used, max: s.maxAttempts };
    }
  }
  return refusal;
}
