import type { AutomationDefinition } from '../../domain/automation';

/**
 * The demo world `up` seeds and the trigger scenarios play in: a catalog, the three recipe automations
 * (the very definitions the workflow tests prove: testkit/automation-fixtures.ts builds on these) and a
 * few customers. Data only; seed-demo.ts and run-scenario.ts create it through the admin API.
 */

/** Products by their (unique, looked-up) name, with their recurring prices in cents. */
export const DEMO_PRODUCTS = {
  pro: { name: 'Pro', prices: { year: 120_000, month: 12_000 } },
  starter: { name: 'Starter', prices: { month: 2_900 } },
} as const;

export type DemoProductKey = keyof typeof DEMO_PRODUCTS;
export type Interval = 'month' | 'year';
export const DEMO_CURRENCY = 'usd';

/**
 * Recipe 1: annual subscriptions that fail → smart retries for 2 months, emailing the customer the payment_failed
 * template (with the update link) after the first failure and before the last retry → 7-day grace → cancel →
 * uncollectible. Seed version 2: version 1 (databases seeded before) had no customer emails.
 */
export function annualDunningRecipe(): AutomationDefinition {
  return {
    name: 'Annual plans: retry, grace, cancel',
    trigger: { type: 'subscription_payment_failed' },
    filters: { all: [{ type: 'subscription_interval', interval: 'year' }] },
    steps: [
      { type: 'retry_payment', policy: { type: 'smart', window: '2m', maxRetries: 8 }, notifyCustomer: 'payment_failed' },
      { type: 'wait', days: 7 },
      { type: 'cancel_subscription' },
      { type: 'mark_invoice_uncollectible' },
    ],
  };
}

/** Recipe 1 as seed version 1 had it: the same retries, grace and end actions, without customer emails. */
export function withoutCustomerNotices(definition: AutomationDefinition): AutomationDefinition {
  return { ...definition, steps: definition.steps.map(({ ...step }) => {
    if (step.type === 'retry_payment') delete step.notifyCustomer;
    return step;
  }) };
}

/** Recipe 2: invoices over $500 overdue by 7 days → a memo to finance (an address on the team's domain). */
export function overdueTeamEmailRecipe(teamDomain: string): AutomationDefinition {
  return {
    name: 'Large overdue invoices',
    trigger: { type: 'invoice_overdue', days: 7 },
    filters: { type: 'invoice_amount', currency: DEMO_CURRENCY, min: 50_001 },
    steps: [{ type: 'send_team_email', to: [`finance@${teamDomain}`], memo: 'Invoice over $500 overdue by {{days_overdue}} days' }],
  };
}

/** Recipe 3: a Pro subscription is canceled → cancellation confirmation with a survey link. */
export function cancellationEmailRecipe(proProductId: string, surveyUrl = 'https://example.com/survey'): AutomationDefinition {
  return {
    name: 'Cancellation confirmation',
    trigger: { type: 'subscription_canceled' },
    filters: { type: 'product', in: [proProductId] },
    steps: [{ type: 'send_customer_email', template: 'cancellation_confirmation', surveyUrl }],
  };
}

/** A seeded customer: who, which plan, and a card that pays. */
export interface DemoCustomer {
  name: string;
  email: string;
  product: DemoProductKey;
  interval: Interval;
  metadata: Record<string, string>;
}

/** Seeded customers (found again by email): annual and monthly subscribers with working cards. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { name: 'Ada Lovelace', email: 'ada@customer.test', product: 'pro', interval: 'year', metadata: { seed: 'demo', segment: 'enterprise' } },
  { name: 'Alan Turing', email: 'alan@customer.test', product: 'pro', interval: 'year', metadata: { seed: 'demo', segment: 'smb' } },
  { name: 'Grace Hopper', email: 'grace@customer.test', product: 'pro', interval: 'month', metadata: { seed: 'demo', segment: 'smb' } },
  { name: 'Katherine Johnson', email: 'katherine@customer.test', product: 'starter', interval: 'month', metadata: { seed: 'demo', segment: 'self-serve' } },
];
