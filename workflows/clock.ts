/**
 * The workflow clock. Inside the workflow sandbox `Date` is replaced by the SDK with the time of the
 * current workflow task, recorded in history, so it replays identically. It is read here and nowhere
 * else: the lint rule bans `Date.now()` / `new Date()` in workflows/ and domain/ so that every other
 * piece of logic takes `now` as a parameter and stays unit-testable.
 */

/** Epoch ms of the current workflow task (deterministic). */
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-syntax -- the one sanctioned read of the SDK's deterministic clock
  return Date.now();
}
