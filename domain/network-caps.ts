/**
 * Card-network retry caps, enforced per physical card (fingerprint) across all runs: several automations
 * can dun the same card, and the network counts every attempt on it. Pure decision; the ledger port
 * (`CardAttemptLedger`) applies it atomically with recording the attempt.
 */

/** A network's limit: at most `maxAttempts` within any `windowDays` (in the run's day length). */
export interface NetworkCap {
  maxAttempts: number;
  windowDays: number;
}

/**
 * Known caps by lower-case card brand. Visa: at most 15 retries of one card in 30 days (Visa's
 * excessive-retry rule). Brands without an entry are not capped here.
 */
export const NETWORK_CAPS: Readonly<Record<string, NetworkCap>> = {
  visa: { maxAttempts: 15, windowDays: 30 },
};

/** The cap for a brand, if any. */
export function capFor(cardBrand: string | undefined): NetworkCap | undefined {
  return cardBrand ? NETWORK_CAPS[cardBrand.toLowerCase()] : undefined;
}

export type CapDecision = { allowed: true } | { allowed: false; retryAt: number; attemptsInWindow: number };

/**
 * Whether one more attempt at `at` keeps the card within its cap, given the epoch-ms times of earlier
 * attempts on it. When refused, `retryAt` is the first moment a slot frees up (the oldest attempt in the
 * window leaves it).
 */
export function checkNetworkCap(cap: NetworkCap | undefined, previous: readonly number[], at: number, dayMs: number): CapDecision {
  if (!cap) return { allowed: true };
  const windowMs = cap.windowDays * dayMs;
  // No upper bound: another run's attempt stamped a few ms "later" (clock skew between workers, or two
  // runs deciding at the same instant) still uses up the budget.
  const inWindow = previous.filter((t) => t > at - windowMs).sort((a, b) => a - b);
  if (inWindow.length < cap.maxAttempts) return { allowed: true };
  // The (n - max + 1)-th oldest must leave the window before another attempt fits.
  const mustExpire = inWindow[inWindow.length - cap.maxAttempts];
  return { allowed: false, retryAt: mustExpire + windowMs, attemptsInWindow: inWindow.length };
}
