import { log } from '@temporalio/workflow';
import { explanationLines, evaluateFilter } from '../domain/filters';
import { factsOf } from '../domain/matching';
import { runIds, type AutomationRunInput, type RunOutcome } from '../domain/run';
import { RunContext } from './run-context';
import { runStep } from './steps';

/**
 * One run of one pinned automation version for one subject (id `run:{automationId}:{type}:{id}`).
 * Interprets the snapshot's steps in order; ends as soon as an end condition arrives (DESIGN §2), after
 * `cancel_subscription` (only invoice clean-up may follow), or when the steps are done.
 */
export async function automationRun(input: AutomationRunInput): Promise<RunOutcome> {
  const ctx = new RunContext(input);
  const { state } = ctx;
  const steps = input.automation.steps;
  if (!input.resume) {
    ctx.tagRun();
    const ids = runIds(input);
    const inv = input.event.invoice;
    await ctx.record('started', {
      type: 'started', automationId: input.automation.automationId, version: input.automation.version,
      subjectType: input.subject.type, subjectId: input.subject.id, ...ids, amountDue: inv?.amountDue, currency: inv?.currency,
    });
    // The dispatcher matched already; re-checking the pinned filters makes a mistaken start harmless.
    const filters = evaluateFilter(input.automation.filters, factsOf(input.event));
    if (!filters.passed) {
      return ctx.finish({ status: 'skipped', reason: `filters do not match: ${explanationLines(filters).join('; ')}`, at: ctx.now() });
    }
  }
  for (let i = state.stepIndex; i < steps.length; i++) {
    if (state.ending) return ctx.finish(state.ending);
    await ctx.continueAsNewIfSuggested();
    if (state.canceledSubscription && steps[i].type !== 'mark_invoice_uncollectible') continue; // only clean-up after it
    await ctx.enterStep(i);
    const result = await runStep(ctx, steps[i], i);
    if (result) return ctx.finish(result);
    log.info('Step done', { step: steps[i].type, stepIndex: i });
  }
  state.stepIndex = steps.length;
  if (state.ending) return ctx.finish(state.ending);
  const reason = state.canceledSubscription ? 'subscription_canceled' : 'all_steps_done';
  return ctx.finish({ status: 'completed', reason, at: ctx.now() });
}
