import { ApplicationFailure, log } from '@temporalio/workflow';
import type { AutomationRunInput, RunOutcome } from '../domain/run';
import { apply, decide } from '../domain/run-plan/run-plan';
import { resultOf } from './activity-result';
import { RunContext } from './run-context';
import { performAction } from './step-actions';

/**
 * One run of one pinned automation version for one subject (id `run:{automationId}:{type}:{id}`). The run
 * plan (domain/run-plan) decides every step; this loop carries out its commands with timers, signals and
 * activities, and feeds each result back, until the plan finishes the run.
 */
export async function automationRun(input: AutomationRunInput): Promise<RunOutcome> {
  const ctx = new RunContext(input);
  return ctx.interrupts.protect(() => drive(ctx));
}

async function drive(ctx: RunContext): Promise<RunOutcome> {
  const { plan } = ctx;
  for (;;) {
    const command = decide(plan, ctx.now());
    switch (command.kind) {
      case 'finish':
        return ctx.finish(command);
      case 'fail_workflow':
        throw ApplicationFailure.nonRetryable(command.message, command.failureType);
      case 'checkpoint': {
        const continuing = ctx.continueAsNewIfSuggested();
        if (continuing) await continuing; // an `await` of nothing would still cost a promise (and its stack trace)
        break;
      }
      case 'start':
        await ctx.start(command);
        break;
      case 'enter_step':
        await ctx.enterStep(command);
        break;
      case 'wait':
        await ctx.wait(command);
        apply(plan, { kind: 'woke' }, ctx.now()); // a cancellation wakes it too: the plan reads the ending
        continue;
      case 'retries_exhausted':
        log.info('Retries exhausted', { stepIndex: command.stepIndex, retriesDone: command.retriesDone, paused: command.paused });
        break;
      case 'record':
        apply(plan, await resultOf(ctx.record(command.key, command.fact), () => ({ kind: 'done' })), ctx.now());
        continue;
      case 'charge':
        apply(plan, await ctx.charge(command), ctx.now());
        continue;
      case 'act':
        apply(plan, await performAction(ctx, command), ctx.now());
        continue;
    }
    apply(plan, { kind: 'done' }, ctx.now());
  }
}
