/**
 * Retry bounds of the run's activities, by what they touch. Every activity is retried with exponential
 * backoff (2 s doubling, at most 10 min apart) until it succeeds, fails for good, or reaches its kind's
 * bound: `maxAttempts` attempts or `maxElapsedMs` since it was first scheduled, whichever comes first.
 * Then the step fails and its failure behaviour applies (`run-plan/step-failure.ts`). The bounds come from
 * config and travel in the run's input, so a run keeps the bounds it started with.
 */

/** One activity kind's bound. */
export interface RetryBound {
  maxAttempts: number;
  maxElapsedMs: number;
}

/** Bounds per activity kind: billing calls, emails, outgoing webhooks, projection records. */
export interface ActivityRetryBounds {
  billing: RetryBound;
  email: RetryBound;
  webhook: RetryBound;
  records: RetryBound;
}

const HOUR = 3_600_000;

/**
 * Defaults: a billing outage of 6 h fails the charge (the run ends `failed` and can be restarted); emails and
 * webhooks try for 24 h, like Stripe's own webhook retries back off over a day; projection records 24 h
 * (after that the reconciler repairs the row from Temporal). 200 attempts is more than any of them makes
 * in its time with a 10 min backoff cap, so the time bound is the one that applies unless lowered.
 */
export const DEFAULT_ACTIVITY_RETRY_BOUNDS: ActivityRetryBounds = {
  billing: { maxAttempts: 200, maxElapsedMs: 6 * HOUR },
  email: { maxAttempts: 200, maxElapsedMs: 24 * HOUR },
  webhook: { maxAttempts: 200, maxElapsedMs: 24 * HOUR },
  records: { maxAttempts: 200, maxElapsedMs: 24 * HOUR },
};
