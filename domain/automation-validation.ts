import {
  automationDefinitionSchema,
  type CUSTOMER_TEMPLATES,
  type AutomationDefinition,
  type StepType,
  type TriggerType,
} from './automation';
import { checkTemplateVariables } from './email-templates';
import { endsRun, firstStepBarredAfterCancel } from './run-plan/step-order';
import { checkOutboundUrl } from './outbound-targets';
import { checkTeamRecipients, type TeamEmailPolicy } from './team-recipients';

/** One validation problem, addressed by a dotted path such as `steps.1.policy.window`. */
export interface ValidationError {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; value: AutomationDefinition } | { ok: false; errors: ValidationError[] };

const INVOICE_STEPS: StepType[] = ['retry_payment', 'mark_invoice_uncollectible'];
const SUBSCRIPTION_STEPS: StepType[] = ['cancel_subscription', 'mark_subscription_unpaid'];
/** What each customer template renders from: its text is about an invoice or a subscription. */
const TEMPLATE_NEEDS: Record<(typeof CUSTOMER_TEMPLATES)[number], 'invoice' | 'subscription' | 'payment_method'> = {
  payment_failed: 'invoice',
  invoice_overdue: 'invoice',
  cancellation_confirmation: 'subscription',
  card_expiring: 'payment_method',
};
/** Triggers whose runs are about a customer alone (no invoice, no subscription). */
const CUSTOMER_TRIGGERS: TriggerType[] = ['customer_created', 'payment_method_expiring'];
const NEEDS_TEXT = { invoice: 'an invoice', subscription: 'a subscription', payment_method: 'an expiring payment method' } as const;
const INVOICE_TRIGGERS: TriggerType[] = [
  'subscription_payment_failed',
  'invoice_overdue',
  'invoice_due_date_upcoming',
  'invoice_finalized',
];

/** Validates a definition: shape first, then the rules that span fields (subject fit, template variables). */
export function parseAutomationDefinition(input: unknown): ParseResult {
  const parsed = automationDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const def = parsed.data;
  const errors: ValidationError[] = [];
  const trigger = def.trigger.type;
  def.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (INVOICE_STEPS.includes(step.type) && !INVOICE_TRIGGERS.includes(trigger)) {
      errors.push({ path: `${at}.type`, message: `${step.type} needs an invoice; trigger ${trigger} has none` });
    }
    if (SUBSCRIPTION_STEPS.includes(step.type) && CUSTOMER_TRIGGERS.includes(trigger)) {
      errors.push({ path: `${at}.type`, message: `${step.type} needs a subscription; trigger ${trigger} has none` });
    }
    if (step.type === 'send_customer_email') {
      // A template about an invoice on a trigger without one renders empty sentences and subjects.
      const needs = TEMPLATE_NEEDS[step.template];
      const has = needs === 'invoice' ? INVOICE_TRIGGERS.includes(trigger)
        : needs === 'payment_method' ? trigger === 'payment_method_expiring' : !CUSTOMER_TRIGGERS.includes(trigger);
      if (!has) errors.push({ path: `${at}.template`, message: `template ${step.template} needs ${NEEDS_TEXT[needs]}; trigger ${trigger} has none` });
    }
    if (step.type === 'send_team_email') {
      for (const v of checkTemplateVariables(step.memo, trigger)) errors.push({ path: `${at}.memo`, message: v });
    }
    if (step.type === 'cancel_subscription') {
      // The run skips such steps (see run-plan/step-order.ts): refuse them rather than save dead steps.
      const offending = firstStepBarredAfterCancel(def.steps, i);
      if (offending > 0) errors.push({ path: `steps.${offending}`, message: 'only mark_invoice_uncollectible may follow cancel_subscription' });
    }
    if (i < def.steps.length - 1 && endsRun(step.type)) {
      // An uncollectible invoice ends the run.
      errors.push({ path: `steps.${i + 1}`, message: 'no step may follow mark_invoice_uncollectible: the run ends there' });
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: def };
}

/** Team email recipients that the policy refuses, as errors on `steps.N.to` (for save-time checks). */
export function validateTeamRecipients(def: AutomationDefinition, policy: TeamEmailPolicy): ValidationError[] {
  return def.steps.flatMap((step, i) => {
    if (step.type !== 'send_team_email') return [];
    const check = checkTeamRecipients(step.to, policy);
    return check.ok ? [] : [{ path: `steps.${i}.to`, message: check.message }];
  });
}

/** `emit_webhook` targets that are not http(s) or point inside the network, as errors on `steps.N.url`. */
export function validateOutboundTargets(def: AutomationDefinition, allowedHosts: readonly string[]): ValidationError[] {
  return def.steps.flatMap((step, i) => {
    if (step.type !== 'emit_webhook') return [];
    const check = checkOutboundUrl(step.url, allowedHosts);
    return check.ok ? [] : [{ path: `steps.${i}.url`, message: check.reason }];
  });
}
