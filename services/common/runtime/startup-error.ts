/**
 * A start-up failure whose message is the whole story — what failed, why, and what to do — printed by `runMain`
 * as one line without a stack trace (a missing tool, a local PostgreSQL or Temporal that would not start).
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
