import type { TriggerType } from '../../domain/automation';
import type { DemoProductKey, Interval } from './demo-catalog';
import type { RunSearchKey } from './web-ui-link';

/** The scenarios of `npm run trigger -- <scenario>`, in the order `--help` lists them. */
export const SCENARIO_NAMES = ['annual-dunning', 'overdue-invoice', 'cancellation', 'recovered-on-third-retry', 'hard-decline-new-card'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** A card as `POST /v1/sandbox/customers/{id}/payment-methods` takes it (scripted outcomes). */
export interface CardSpec {
  brand: string;
  last4: string;
  outcome: 'succeed' | 'decline';
  declineCode?: string;
  nextOutcomes?: { outcome: 'succeed' | 'decline'; declineCode?: string }[];
}

/** What a scenario creates and does, as data: run-scenario.ts carries it out over the admin API. */
export interface ScenarioPlan {
  name: ScenarioName;
  summary: string;
  /** The trigger whose automation (a seeded recipe) should pick the scenario up. */
  trigger: TriggerType;
  customer: { name: string; email: string; metadata: Record<string, string> };
  card: CardSpec;
  subscription?: { product: DemoProductKey; interval: Interval };
  /** `renewal`: the subscription's invoice; `send_invoice`: a one-off invoice paid by transfer, due at `dueDate`. */
  invoice?: { kind: 'renewal' } | { kind: 'send_invoice'; amountDue: number; currency: string; dueDate: string };
  /** What sets the run off: a charge attempt of the invoice, a cancellation, or time (the due date passing). */
  action: 'attempt_invoice' | 'cancel_subscription' | 'wait_for_due_date';
  /** Attached as the new default card once the run waits for a payment method (a prompt retry follows). */
  newCard?: CardSpec;
  /** The search attribute (and `GET /v1/runs` filter) that finds the run. */
  runKey: Extract<RunSearchKey, 'InvoiceId' | 'SubscriptionId'>;
  /** What will happen, in the units of the automation (days of DAY_DURATION). */
  expect: string[];
}

/** Whether a string names a scenario. */
export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

const declines = (n: number, declineCode: string) => Array.from({ length: n }, () => ({ outcome: 'decline' as const, declineCode }));

/**
 * Builds a scenario's plan. `suffix` makes its customer unique (a scenario can be played again and
 * again); `now` dates the send_invoice invoice.
 */
export function buildScenario(name: ScenarioName, { suffix, now }: { suffix: string; now: number }): ScenarioPlan {
  const customer = (first: string, last: string) => ({
    name: `${first} ${last}`, email: `${first.toLowerCase()}+${suffix}@customer.test`, metadata: { scenario: name },
  });
  switch (name) {
    case 'annual-dunning':
      return {
        name, trigger: 'subscription_payment_failed', runKey: 'InvoiceId', action: 'attempt_invoice',
        summary: 'An annual Pro renewal whose payment keeps failing (recipe 1)',
        customer: customer('Dana', 'Dunning'), card: { brand: 'visa', last4: '0341', outcome: 'decline', declineCode: 'insufficient_funds' },
        subscription: { product: 'pro', interval: 'year' }, invoice: { kind: 'renewal' },
        expect: [
          'a payment_failed email to the customer right away, with the link to update the card',
          '8 smart retries spread over 60 days, each declined (insufficient_funds)',
          'a second payment_failed email once the 7th retry failed, before the last one',
          'a 7-day grace period, then the subscription is canceled and the invoice marked uncollectible',
          'the cancellation starts recipe 3: a cancellation_confirmation email to the customer',
          '67 days in all: 2 min 14 s with DAY_DURATION=2s',
        ],
      };
    case 'recovered-on-third-retry':
      return {
        name, trigger: 'subscription_payment_failed', runKey: 'InvoiceId', action: 'attempt_invoice',
        summary: 'An annual Pro renewal that fails, fails twice more, and is paid by the third retry',
        customer: customer('Remy', 'Recovered'),
        card: { brand: 'mastercard', last4: '4444', outcome: 'succeed', nextOutcomes: declines(3, 'insufficient_funds') },
        subscription: { product: 'pro', interval: 'year' }, invoice: { kind: 'renewal' },
        expect: ['retries 1 and 2 are declined, retry 3 (day 14 of the smart schedule) succeeds', 'the run ends recovered'],
      };
    case 'hard-decline-new-card':
      return {
        name, trigger: 'subscription_payment_failed', runKey: 'InvoiceId', action: 'attempt_invoice',
        summary: 'An annual Pro renewal hard-declined (stolen_card); the customer adds a new card',
        customer: customer('Hana', 'Hardecline'), card: { brand: 'visa', last4: '0119', outcome: 'decline', declineCode: 'stolen_card' },
        newCard: { brand: 'visa', last4: '4242', outcome: 'succeed' },
        subscription: { product: 'pro', interval: 'year' }, invoice: { kind: 'renewal' },
        expect: ['a hard decline is not retried: the run waits for a new payment method', 'the new card gets a prompt retry, which succeeds: recovered'],
      };
    case 'overdue-invoice':
      return {
        name, trigger: 'invoice_overdue', runKey: 'InvoiceId', action: 'wait_for_due_date',
        summary: 'A $750 send_invoice invoice, due now, that nobody pays (recipe 2)',
        customer: customer('Otto', 'Overdue'), card: { brand: 'visa', last4: '1881', outcome: 'succeed' },
        invoice: { kind: 'send_invoice', amountDue: 75_000, currency: 'usd', dueDate: new Date(now).toISOString() },
        expect: ['7 days after the due date the invoice is overdue: the run emails finance (team email)', '14 s with DAY_DURATION=2s'],
      };
    case 'cancellation':
      return {
        name, trigger: 'subscription_canceled', runKey: 'SubscriptionId', action: 'cancel_subscription',
        summary: 'A monthly Pro subscription canceled by the customer (recipe 3)',
        customer: customer('Cleo', 'Cancel'), card: { brand: 'amex', last4: '0005', outcome: 'succeed' },
        subscription: { product: 'pro', interval: 'month' },
        expect: ['the cancellation confirmation email, with the survey link, goes to the customer'],
      };
  }
}
