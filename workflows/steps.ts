import { ActivityFailure, ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { Step } from '../domain/automation';
import { buildTemplateContext, fillVariables, type EmailTemplateName, type TemplateContext } from '../domain/email-templates';
import { runIds, type RunOutcome } from '../domain/run';
import { acts } from './proxies';
import { retryPayment } from './retry-payment';
import type { RunContext } from './run-context';

/** What a step decided: go on (`undefined`) or end the run with this outcome. */
export type StepResult = Omit<RunOutcome, 'stepIndex'> | undefined;

/** Runs one step. Non-retryable activity failures end the run as `failed` with the failure's type and message. */
export async function runStep(ctx: RunContext, step: Step, stepIndex: number): Promise<StepResult> {
  try {
    return await execute(ctx, step, stepIndex);
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
    const reason = `${step.type} failed: ${cause?.type ? `${cause.type}: ` : ''}${cause?.message ?? err.message}`;
    return { status: 'failed', reason, at: ctx.now() };
  }
}

async function execute(ctx: RunContext, step: Step, i: number): Promise<StepResult> {
  const { input, state } = ctx;
  const ids = runIds(input);
  const at = ctx.now();
  const idempotencyKey = ctx.key(i);
  const tags = { workflowId: workflowInfo().workflowId, automationId: input.automation.automationId, step: String(i) };
  switch (step.type) {
    case 'retry_payment': {
      const result = await retryPayment(ctx, i, step.policy, required(ids.invoiceId, 'invoice'));
      if (result === 'paid') return { status: 'recovered', reason: 'retry_succeeded', at: ctx.now() };
      return result === 'ended' ? state.ending : undefined; // exhausted: go on to the next step (DESIGN §2)
    }
    case 'wait': {
      const woke = await ctx.waitUntil(at + step.days * input.dayMs, `wait ${step.days} days`);
      return woke === 'ending' ? state.ending : undefined; // `skipWait` just ends the wait early
    }
    case 'cancel_subscription':
      // Set before the call: the webhook of this very cancellation may be signalled before the activity
      // completes, and it must not end the run ahead of the invoice clean-up.
      state.canceledSubscription = true;
      await acts.cancelSubscription({ subscriptionId: required(ids.subscriptionId, 'subscription'), idempotencyKey, at });
      return undefined;
    case 'mark_subscription_unpaid':
      await acts.markSubscriptionUnpaid({ subscriptionId: required(ids.subscriptionId, 'subscription'), idempotencyKey, at });
      return undefined;
    case 'mark_invoice_uncollectible':
      await acts.markInvoiceUncollectible({ invoiceId: required(ids.invoiceId, 'invoice'), idempotencyKey, at });
      return { status: 'completed', reason: 'invoice_marked_uncollectible', at: ctx.now() };
    case 'send_team_email': {
      const context = templateContext(ctx, at);
      const memo = fillVariables(step.memo, context);
      const sent = await acts.sendTeamEmail({ idempotencyKey, at, to: step.to, subject: step.subject, memo, context, tags });
      await recordEmail(ctx, i, 'team_memo', sent);
      return undefined;
    }
    case 'send_customer_email': {
      const context = templateContext(ctx, at, step.surveyUrl);
      const customerId = required(ids.customerId, 'customer');
      const sent = await acts.sendCustomerEmail({ idempotencyKey, at, template: step.template, customerId, context, tags });
      await recordEmail(ctx, i, step.template, sent);
      return undefined;
    }
    case 'emit_webhook': {
      const payload = { automation: input.automation.automationId, version: input.automation.version, subject: input.subject, ...ids };
      await acts.emitWebhook({ idempotencyKey, at, url: step.url, eventType: step.eventType ?? 'automation.step', payload });
      return undefined;
    }
  }
}

function templateContext(ctx: RunContext, now: number, surveyUrl?: string): TemplateContext {
  const { automation, event, dayMs } = ctx.input;
  const customerId = runIds(ctx.input).customerId ?? '';
  return buildTemplateContext({ automation, customer: event.customer, customerId, invoice: event.invoice, subscription: event.subscription, now, dayMs, surveyUrl });
}

async function recordEmail(ctx: RunContext, stepIndex: number, template: EmailTemplateName, sent: { messageId: string; to: string[] }) {
  ctx.state.emails.push({ at: ctx.now(), stepIndex, template, to: sent.to });
  await ctx.record(`email:${stepIndex}`, { type: 'email', stepIndex, template, to: sent.to, messageId: sent.messageId });
}

function required(id: string | undefined, what: string): string {
  // Validation ties steps to triggers, so this only fires on a hand-made snapshot.
  if (!id) throw ApplicationFailure.nonRetryable(`The run has no ${what} to act on`, 'MissingSubject');
  return id;
}
