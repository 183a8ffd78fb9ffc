import { ApplicationFailure, CancellationScope, CancelledFailure, isCancellation } from '@temporalio/workflow';
import type { CommandResult } from '../domain/run-plan/commands';
import type { RunOutcome } from '../domain/run';
import { RunFailureType } from '../domain/run-failures';

/**
 * How a run meets Temporal cancellation. The run's loop works in a non-cancellable scope, so a cancellation
 * never cuts a charge or a projection record short (a charge in flight is recorded first); what it does
 * interrupt is a wait (the cancellation ends the plan's wait like a `cancel` signal) and a notification
 * under way — an email or webhook retrying against a dead peer — whose scope is cancelled. The plan then
 * ends the run `canceled`, the outcome is recorded, and the workflow ends canceled in Temporal.
 */
export class RunInterrupts {
  /** Whether Temporal asked to cancel the run. */
  requested = false;
  private scope?: CancellationScope;

  constructor(private readonly enabled: boolean, onCancel: () => void) {
    if (!enabled) return;
    CancellationScope.current().cancelRequested.catch(() => {
      this.requested = true;
      onCancel();
      this.scope?.cancel();
    });
  }

  /** Runs the loop so that only what `interruptible` wraps is cancelled by a cancellation of the run. */
  protect<T>(fn: () => Promise<T>): Promise<T> {
    return this.enabled ? CancellationScope.nonCancellable(fn) : fn();
  }

  /** Runs a notification step that a cancellation of the run interrupts (its result is then `interrupted`). */
  async interruptible(fn: () => Promise<CommandResult>): Promise<CommandResult> {
    if (!this.enabled) return fn();
    if (this.requested) return { kind: 'interrupted' };
    const scope = (this.scope = new CancellationScope());
    try {
      return await scope.run(fn);
    } catch (err) {
      if (this.requested && isCancellation(err)) return { kind: 'interrupted' };
      throw err;
    } finally {
      this.scope = undefined;
    }
  }
}

/**
 * How the workflow closes for a recorded outcome, so Temporal shows what the API shows: a failed run is a
 * failed workflow (the Web UI lists it as Failed and counts it), a run canceled by a Temporal cancellation
 * is a canceled workflow; every other outcome completes it with the outcome as its result.
 */
export function endOfRun(outcome: RunOutcome, cancelRequested: boolean): RunOutcome {
  if (outcome.status === 'failed') {
    throw ApplicationFailure.create({ message: outcome.reason, type: outcome.failureType ?? RunFailureType.RunFailed, nonRetryable: true, details: [outcome] });
  }
  if (outcome.status === 'canceled' && cancelRequested) throw new CancelledFailure(outcome.reason, [outcome]);
  return outcome;
}
