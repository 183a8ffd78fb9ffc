import { workflowInfo } from '@temporalio/workflow';
import type { CommandResult, RunCommand } from '../domain/run-plan/commands';
import { resultOf } from './activity-result';
import type { RunContext } from './run-context';

/**
 * Carries out an action step the plan decided on: one activity call with the input the plan built. Billing
 * actions run to their end even when the run is canceled meanwhile; notifications are interruptible.
 */
export function performAction(ctx: RunContext, { action, at, key, stepIndex }: Extract<RunCommand, { kind: 'act' }>): Promise<CommandResult> {
  const idempotencyKey = ctx.key(...key);
  const done = (): CommandResult => ({ kind: 'done' });
  const emailed = (sent: { messageId: string; to: string[]; skipped?: string }): CommandResult =>
    sent.skipped ? { kind: 'skipped', reason: sent.skipped } : { kind: 'emailed', messageId: sent.messageId, to: sent.to };
  const { acts, interrupts } = ctx;
  const tags = { workflowId: workflowInfo().workflowId, automationId: ctx.input.automation.automationId, step: String(stepIndex) };
  switch (action.type) {
    case 'cancel_subscription':
      return resultOf(acts.cancelSubscription({ subscriptionId: action.subscriptionId, idempotencyKey, at }), done);
    case 'mark_subscription_unpaid':
      return resultOf(acts.markSubscriptionUnpaid({ subscriptionId: action.subscriptionId, idempotencyKey, at }), done);
    case 'mark_invoice_uncollectible':
      return resultOf(acts.markInvoiceUncollectible({ invoiceId: action.invoiceId, idempotencyKey, at }), done);
    case 'send_team_email': {
      const { to, subject, memo, context } = action;
      return interrupts.interruptible(() => resultOf(acts.sendTeamEmail({ idempotencyKey, at, to, subject, memo, context, tags }), emailed));
    }
    case 'send_customer_email': {
      const { template, customerId, context } = action;
      return interrupts.interruptible(() => resultOf(acts.sendCustomerEmail({ idempotencyKey, at, template, customerId, context, tags }), emailed));
    }
    case 'emit_webhook':
      return interrupts.interruptible(() => resultOf(acts.emitWebhook({ idempotencyKey, at, url: action.url, eventType: action.eventType, payload: action.payload }), done));
  }
}
