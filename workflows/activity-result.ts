import { ActivityFailure, ApplicationFailure, isCancellation, TimeoutFailure } from '@temporalio/workflow';
import type { CommandResult } from '../domain/run-plan/commands';
import { RunFailureType } from '../domain/run-failures';

/**
 * An activity's result for the plan: a failure becomes `activity_failed` (non-retryable: its type; retries
 * used up or out of time: `StepRetriesExhausted`). A cancellation is not a failure: it goes on up. Written with
 * `then`: the worker records a stack trace for every promise a workflow makes (docs/architecture.md).
 */
export function resultOf<T>(call: Promise<T>, ok: (value: T) => CommandResult): Promise<CommandResult> {
  return call.then(ok, activityFailed);
}

/** A failed activity as the plan's `activity_failed`; anything else (a cancellation included) is thrown on. */
export function activityFailed(err: unknown): CommandResult {
  if (!(err instanceof ActivityFailure) || isCancellation(err)) throw err;
  const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
  const exhausted = err.cause instanceof TimeoutFailure || (cause !== undefined && !cause.nonRetryable);
  const failureType = exhausted ? RunFailureType.StepRetriesExhausted : (cause?.type ?? undefined);
  return { kind: 'activity_failed', failureType, message: cause?.message ?? err.cause?.message ?? err.message };
}
