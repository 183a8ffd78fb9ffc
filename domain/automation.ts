import { z } from 'zod';

/**
 * Automation definitions as data: `trigger → filters → steps`. The zod schema is the single source of the
 * shape; the gateway validates user input with `parseAutomationDefinition`, workflows only import the types
 * (so zod never enters the workflow bundle).
 */

export const TRIGGER_TYPES = [
  'subscription_payment_failed',
  'invoice_overdue',
  'invoice_due_date_upcoming',
  'invoice_finalized',
  'subscription_canceled',
  'customer_created',
  'payment_method_expiring',
] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

const days = z.number().int().min(0).max(365);

/** Trigger with its parameters: the due-date triggers take the number of days. */
export const triggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscription_payment_failed') }),
  z.object({ type: z.literal('invoice_overdue'), days: days.min(1) }),
  z.object({ type: z.literal('invoice_due_date_upcoming'), days: days.min(1) }),
  z.object({ type: z.literal('invoice_finalized') }),
  z.object({ type: z.literal('subscription_canceled') }),
  z.object({ type: z.literal('customer_created') }),
  // N days before the end of the card's expiry month (the last day it works).
  z.object({ type: z.literal('payment_method_expiring'), days: days.min(1) }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

const ids = z.array(z.string().min(1)).min(1);
const currency = z.string().regex(/^[a-z]{3}$/, 'expected a lower-case ISO 4217 code such as "usd"');

/** One leaf condition; amounts are in the currency's minor unit and both bounds are inclusive. */
export const conditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('customer_metadata'), key: z.string().min(1), equals: z.string() }),
  z.object({ type: z.literal('invoice_metadata'), key: z.string().min(1), equals: z.string() }),
  z
    .object({
      type: z.literal('invoice_amount'),
      currency,
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'set min, max or both')
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, 'min must be ≤ max'),
  z.object({ type: z.literal('subscription_interval'), interval: z.enum(['month', 'year']) }),
  z.object({ type: z.literal('product'), in: ids }),
  z.object({ type: z.literal('price'), in: ids }),
  z.object({
    type: z.literal('customer_email_domain'),
    in: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a domain such as "example.com"')).min(1),
  }),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** A filter tree: a condition, or `all`/`any` of filters (nesting allowed). */
export type Filter = Condition | { all: Filter[] } | { any: Filter[] };
export const filterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(filterSchema) }).strict(),
    z.object({ any: z.array(filterSchema).min(1) }).strict(),
    conditionSchema,
  ]),
);

export const SMART_WINDOWS = ['1w', '2w', '3w', '1m', '2m'] as const;
export type SmartWindow = (typeof SMART_WINDOWS)[number];
/** Hard upper bound of scheduled retries of one policy (Stripe Smart Retries: 8). */
export const MAX_RETRIES = 8;

/** After a soft decline on the default, try the customer's other payment methods (in Stripe's order) at once. */
const backupPaymentMethods = z.boolean().optional();

/** `smart`: a deterministic spread over a window; `custom`: days after the previous attempt. */
export const retryPolicySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('smart'),
    window: z.enum(SMART_WINDOWS),
    maxRetries: z.number().int().min(1).max(MAX_RETRIES),
    backupPaymentMethods,
  }),
  z.object({ type: z.literal('custom'), days: z.array(z.number().int().min(1).max(60)).min(1).max(MAX_RETRIES), backupPaymentMethods }),
]);
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const CUSTOMER_TEMPLATES = ['cancellation_confirmation', 'payment_failed', 'invoice_overdue', 'card_expiring'] as const;

/** What a step's failure does: `continue` (record it, go on) or `end_run` (the run ends `failed`). */
export const ON_FAILURE = ['continue', 'end_run'] as const;
/** One failure behaviour. */
export type OnFailure = (typeof ON_FAILURE)[number];
/** Overrides the step kind's failure behaviour (see run-plan/step-failure.ts for the defaults). */
const onFailure = z.enum(ON_FAILURE).optional();

/** Actions and delays. `policyId` names a reusable policy; the snapshot always carries the policy itself. */
export const stepSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('retry_payment'), policyId: z.string().optional(), policy: retryPolicySchema, onFailure,
    /** Emails the customer this template after the failure that started the run and again before the last retry. */
    notifyCustomer: z.enum(['payment_failed']).optional(),
  }),
  z.object({ type: z.literal('wait'), days: days.min(1) }),
  z.object({ type: z.literal('cancel_subscription'), onFailure }),
  z.object({ type: z.literal('mark_subscription_unpaid'), onFailure }),
  z.object({ type: z.literal('mark_invoice_uncollectible'), onFailure }),
  z.object({
    type: z.literal('send_team_email'),
    to: z.array(z.email()).min(1).max(20),
    subject: z.string().min(1).max(200).optional(),
    memo: z.string().min(1).max(2000),
    onFailure,
  }),
  z.object({
    type: z.literal('send_customer_email'),
    template: z.enum(CUSTOMER_TEMPLATES),
    surveyUrl: z.url().optional(),
    onFailure,
  }),
  z.object({ type: z.literal('emit_webhook'), url: z.url(), eventType: z.string().min(1).optional(), onFailure }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];

/** What a user writes (one version's content). */
export const automationDefinitionSchema = z.object({
  name: z.string().min(1).max(200),
  trigger: triggerSchema,
  filters: filterSchema.optional(),
  steps: z.array(stepSchema).min(1).max(50),
});
export type AutomationDefinition = z.infer<typeof automationDefinitionSchema>;

/** The immutable snapshot of one version, carried in each run's input (runs stay pinned to it). */
export interface AutomationVersion extends AutomationDefinition {
  automationId: string;
  version: number;
}
