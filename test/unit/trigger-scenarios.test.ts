import { parseAutomationDefinition } from '../../domain/automation-validation';
import { isHardDecline } from '../../domain/decline-codes';
import { evaluateFilter } from '../../domain/filters';
import type { AutomationDefinition } from '../../domain/automation';
import { annualDunningRecipe, cancellationEmailRecipe, DEMO_PRODUCTS, overdueTeamEmailRecipe } from '../../services/cli/demo-catalog';
import { buildScenario, isScenarioName, SCENARIO_NAMES, type CardSpec, type ScenarioPlan } from '../../services/cli/scenarios';
import { customer, invoice, subscription } from '../../testkit/automation-fixtures';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const plan = (name: ScenarioPlan['name']) => buildScenario(name, { suffix: 'abc123', now: NOW });
const recipes: Record<string, AutomationDefinition> = {
  subscription_payment_failed: annualDunningRecipe(),
  invoice_overdue: overdueTeamEmailRecipe('example.com'),
  subscription_canceled: cancellationEmailRecipe('prod_pro_demo'),
};

/** The outcome of the n-th charge (1-based) of a scripted sandbox card: scripted ones first, then the default. */
const chargeOutcome = (card: CardSpec, n: number) => card.nextOutcomes?.[n - 1] ?? { outcome: card.outcome, declineCode: card.declineCode };

/** The facts the dispatcher would see for a scenario (demo product ids as the seed names them here). */
function factsOf(p: ScenarioPlan) {
  const sub = p.subscription && subscription(p.subscription.interval, {
    items: [{ priceId: 'price_x', productId: `prod_${p.subscription.product}_demo`, interval: p.subscription.interval }],
  });
  const prices: Partial<Record<'month' | 'year', number>> = p.subscription ? DEMO_PRODUCTS[p.subscription.product].prices : {};
  const amount = p.invoice?.kind === 'send_invoice' ? p.invoice.amountDue : prices[p.subscription?.interval ?? 'year'] ?? 0;
  const inv = p.invoice && invoice({ amountDue: amount, amountRemaining: amount, collectionMethod: p.invoice.kind === 'send_invoice' ? 'send_invoice' : 'charge_automatically' });
  return { customer: { ...customer, email: p.customer.email }, invoice: inv, subscription: sub };
}

describe('trigger scenarios', () => {
  it('knows its five scenario names and nothing else', () => {
    expect(SCENARIO_NAMES).toEqual(['annual-dunning', 'overdue-invoice', 'cancellation', 'recovered-on-third-retry', 'hard-decline-new-card']);
    expect(isScenarioName('annual-dunning')).toBe(true);
    expect(isScenarioName('annual_dunning')).toBe(false);
  });

  it.each(SCENARIO_NAMES)('%s passes the filters of the recipe of its trigger', (name) => {
    const p = plan(name);
    const explanation = evaluateFilter(recipes[p.trigger].filters, factsOf(p));
    expect(explanation.passed).toBe(true);
  });

  it('makes a unique customer per play, so a scenario can be played again', () => {
    expect(plan('annual-dunning').customer.email).toBe('dana+abc123@customer.test');
    expect(buildScenario('annual-dunning', { suffix: 'ffffff', now: NOW }).customer.email).not.toBe(plan('annual-dunning').customer.email);
  });

  it('annual-dunning: an annual renewal whose card declines every charge with a soft code', () => {
    const p = plan('annual-dunning');
    expect(p).toMatchObject({ subscription: { interval: 'year' }, invoice: { kind: 'renewal' }, action: 'attempt_invoice', runKey: 'InvoiceId' });
    for (let n = 1; n <= 20; n++) expect(chargeOutcome(p.card, n)).toEqual({ outcome: 'decline', declineCode: 'insufficient_funds' });
    expect(isHardDecline(p.card.declineCode)).toBe(false);
  });

  it('recovered-on-third-retry: the trigger charge and retries 1-2 decline, retry 3 pays', () => {
    const p = plan('recovered-on-third-retry');
    const outcomes = [1, 2, 3, 4].map((n) => chargeOutcome(p.card, n).outcome);
    expect(outcomes).toEqual(['decline', 'decline', 'decline', 'succeed']);
  });

  it('hard-decline-new-card: a hard decline first, then a new card that pays', () => {
    const p = plan('hard-decline-new-card');
    expect(isHardDecline(chargeOutcome(p.card, 1).declineCode)).toBe(true);
    expect(chargeOutcome(p.newCard!, 1).outcome).toBe('succeed');
  });

  it('overdue-invoice: a send_invoice invoice over the $500 threshold, due now', () => {
    const p = plan('overdue-invoice');
    expect(p.invoice).toEqual({ kind: 'send_invoice', amountDue: 75_000, currency: 'usd', dueDate: '2026-11-25T12:00:00.000Z' });
    expect(p.subscription).toBeUndefined();
    expect(p.action).toBe('wait_for_due_date');
  });

  it('cancellation: a monthly Pro subscription canceled, found by its subscription id', () => {
    const p = plan('cancellation');
    expect(p).toMatchObject({ subscription: { product: 'pro', interval: 'month' }, action: 'cancel_subscription', runKey: 'SubscriptionId' });
    expect(p.invoice).toBeUndefined();
  });
});

describe('demo recipes', () => {
  // The workflow tests prove these very definitions (testkit/automation-fixtures.ts builds on them);
  // here: what `up` seeds passes the same validation as the admin API.
  it('are valid automation definitions', () => {
    for (const recipe of [annualDunningRecipe(), overdueTeamEmailRecipe('example.com'), cancellationEmailRecipe('prod_x')]) {
      expect(parseAutomationDefinition(recipe)).toEqual({ ok: true, value: recipe });
    }
  });
});
