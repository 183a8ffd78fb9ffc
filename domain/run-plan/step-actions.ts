import type { Step } from '../automation';
import { buildTemplateContext, fillVariables, type TemplateContext } from '../email-templates';
import { runIds, type AutomationRunInput } from '../run';
import type { StepAction } from './commands';

type ActionStep = Exclude<Step, { type: 'retry_payment' | 'wait' }>;

/** What an action step does, with its activity's input; or the subject it lacks (only a hand-made snapshot). */
export function stepAction(input: AutomationRunInput, step: ActionStep, now: number): StepAction | { missing: string } {
  const ids = runIds(input);
  switch (step.type) {
    case 'cancel_subscription':
    case 'mark_subscription_unpaid':
      return ids.subscriptionId ? { type: step.type, subscriptionId: ids.subscriptionId } : { missing: 'subscription' };
    case 'mark_invoice_uncollectible':
      return ids.invoiceId ? { type: step.type, invoiceId: ids.invoiceId } : { missing: 'invoice' };
    case 'send_team_email': {
      const context = templateContext(input, now);
      return { type: step.type, to: step.to, subject: step.subject, memo: fillVariables(step.memo, context), context };
    }
    case 'send_customer_email': {
      const context = templateContext(input, now, step.surveyUrl);
      return ids.customerId ? { type: step.type, template: step.template, customerId: ids.customerId, context } : { missing: 'customer' };
    }
    case 'emit_webhook': {
      const payload = { automation: input.automation.automationId, version: input.automation.version, subject: input.subject, ...ids };
      return { type: step.type, url: step.url, eventType: step.eventType ?? 'automation.step', payload };
    }
  }
}

function templateContext(input: AutomationRunInput, now: number, surveyUrl?: string): TemplateContext {
  const { automation, event, dayMs } = input;
  const customerId = runIds(input).customerId ?? '';
  const startDays = event.kind === 'invoice_overdue' ? event.days : undefined;
  const expiring = event.kind === 'payment_method_expiring' ? { paymentMethod: event.paymentMethod, expiryDays: event.days } : {};
  return buildTemplateContext({
    automation, customer: event.customer, customerId, invoice: event.invoice, subscription: event.subscription, now, dayMs, surveyUrl,
    startedAt: event.occurredAt, startDays, ...expiring,
  });
}
