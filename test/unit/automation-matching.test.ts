import { parseAutomationDefinition, validateTeamRecipients } from '../../domain/automation-validation';
import { deadlinesOf, pendingDeadlines } from '../../domain/deadlines';
import { evaluateFilter, explanationLines } from '../../domain/filters';
import { factsOf, matchAutomations } from '../../domain/matching';
import { routeEvent } from '../../domain/triggers';
import { candidate, customer, invoice, overdue, paymentFailed, recipe1, recipe2, recipe3, sendInvoice, subscription, subscriptionCanceled, version } from '../../testkit/automation-fixtures';
import { teamPolicy } from '../support/in-memory-ports';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

describe('automation definitions', () => {
  it('accepts the three recipes', () => {
    for (const def of [recipe1, recipe2, recipe3]) expect(parseAutomationDefinition(def)).toEqual({ ok: true, value: def });
  });

  it('reports shape errors with field paths', () => {
    const bad = { name: '', trigger: { type: 'invoice_overdue' }, steps: [{ type: 'retry_payment', policy: { type: 'smart', window: '5w', maxRetries: 9 } }] };
    const result = parseAutomationDefinition(bad);
    expect(result.ok).toBe(false);
    const paths = !result.ok && result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'trigger.days', 'steps.0.policy.window', 'steps.0.policy.maxRetries']));
  });

  it('rejects steps that do not fit the trigger, unknown memo variables and steps after the end', () => {
    const result = parseAutomationDefinition({
      name: 'x', trigger: { type: 'customer_created' },
      steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }, { type: 'send_team_email', to: ['a@acme.test'], memo: 'Overdue {{days_overdue}}' }],
    });
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['steps.0.type', 'steps.1.memo']);
    const templates = parseAutomationDefinition({
      name: 'x', trigger: { type: 'subscription_canceled' },
      steps: [{ type: 'send_customer_email', template: 'payment_failed' }, { type: 'send_customer_email', template: 'cancellation_confirmation' }, { type: 'send_customer_email', template: 'invoice_overdue' }],
    });
    expect(!templates.ok && templates.errors).toEqual([
      { path: 'steps.0.template', message: 'template payment_failed needs an invoice; trigger subscription_canceled has none' },
      { path: 'steps.2.template', message: 'template invoice_overdue needs an invoice; trigger subscription_canceled has none' },
    ]);
    const noSubscription = parseAutomationDefinition({ name: 'x', trigger: { type: 'customer_created' }, steps: [{ type: 'send_customer_email', template: 'cancellation_confirmation' }] });
    expect(!noSubscription.ok && noSubscription.errors.map((e) => e.path)).toEqual(['steps.0.template']);
    // A subscription step on an invoice trigger is allowed (skipped at run time when the invoice has none).
    expect(parseAutomationDefinition({ name: 'x', trigger: { type: 'invoice_overdue', days: 3 }, steps: [{ type: 'cancel_subscription', onFailure: 'continue' }] }).ok).toBe(true);
    const late = parseAutomationDefinition({ ...recipe1, steps: [...recipe1.steps, { type: 'wait', days: 1 }] });
    expect(!late.ok && late.errors).toEqual([
      { path: 'steps.4', message: 'only mark_invoice_uncollectible may follow cancel_subscription' },
      { path: 'steps.4', message: 'no step may follow mark_invoice_uncollectible: the run ends there' },
    ]);
  });

  it('checks team email recipients against the policy at save time', () => {
    const def = { ...recipe2, steps: [{ ...recipe2.steps[0], to: ['finance@acme.test', 'owner@gmail.test', 'x@evil.test'] }] };
    expect(validateTeamRecipients(def, teamPolicy)).toEqual([{ path: 'steps.0.to', message: expect.stringContaining('refused for x@evil.test') }]);
  });
});

describe('filters', () => {
  it('explains every condition of a nested all/any with the values seen', () => {
    const filter = {
      all: [
        { type: 'invoice_amount' as const, currency: 'usd', min: 50_000, max: 200_000 },
        { any: [{ type: 'customer_metadata' as const, key: 'plan', equals: 'enterprise' }, { type: 'customer_email_domain' as const, in: ['customer.test'] }] },
        { type: 'price' as const, in: ['price_pro_year'] },
      ],
    };
    const e = evaluateFilter(filter, { customer, invoice: invoice(), subscription: subscription('year') });
    expect(e.passed).toBe(true);
    expect(explanationLines(e)).toEqual([
      '✓ all of 3',
      '  ✓ invoice amount due ≥ $500.00 and ≤ $2,000.00 (seen $1,200.00)',
      '  ✓ any of 2',
      '    ✗ customer metadata plan = "enterprise" (seen "pro")',
      '    ✓ customer email domain in [customer.test] (seen "customer.test")',
      '  ✓ price in [price_pro_year] (seen price_pro_year)',
    ]);
  });

  it('never matches an amount in another currency, and says what it saw', () => {
    const e = evaluateFilter({ type: 'invoice_amount', currency: 'usd', min: 1 }, { invoice: invoice({ currency: 'eur' }) });
    expect(e).toEqual({ passed: false, condition: 'invoice amount due ≥ $0.01', seen: '€1,200.00' });
    expect(evaluateFilter({ type: 'invoice_metadata', key: 'k', equals: 'v' }, {})).toMatchObject({ passed: false, seen: '(missing)' });
  });
});

describe('routing and matching', () => {
  it('starts dunning only on the first failed attempt of a subscription invoice; later ones are signals', () => {
    expect(routeEvent(paymentFailed(t0), DAY).trigger).toEqual({ type: 'subscription_payment_failed', subject: { type: 'invoice', id: 'in_1' } });
    const later = { ...paymentFailed(t0), attempt: { number: 2, declineCode: 'lost_card' } };
    expect(routeEvent(later, DAY)).toEqual({ signals: [{ signal: 'paymentFailed', target: { attribute: 'InvoiceId', id: 'in_1' }, payload: { at: t0, attempt: 2, declineCode: 'lost_card' } }] });
    const oneOff = { ...paymentFailed(t0), invoice: invoice({ subscriptionId: undefined }) };
    expect(routeEvent(oneOff, DAY)).toEqual({ signals: [] });
  });

  it('turns settling events into signals and gives send_invoice invoices a deadline timer', () => {
    expect(routeEvent({ id: 'e', provider: 'stripe', kind: 'invoice_paid', occurredAt: t0, invoice: invoice() }, DAY).signals[0]).toMatchObject({ signal: 'invoicePaid', target: { attribute: 'InvoiceId', id: 'in_1' } });
    const canceled = routeEvent(subscriptionCanceled(t0), DAY);
    expect(canceled.trigger?.type).toBe('subscription_canceled');
    expect(canceled.signals[0]).toMatchObject({ signal: 'subscriptionCanceled', target: { attribute: 'SubscriptionId', id: 'sub_1' } });
    const finalized = routeEvent({ id: 'e', provider: 'stripe', kind: 'invoice_finalized', occurredAt: t0, invoice: sendInvoice(t0 + 30 * DAY, 100) }, DAY);
    expect(finalized.deadline).toEqual({ invoiceId: 'in_2', customerId: 'cus_1', dueDate: t0 + 30 * DAY });
    // A real invoice.overdue without days: whole days since the due date.
    const real = { ...overdue(sendInvoice(t0, 100), 7, t0 + 7 * DAY + 3_600_000), days: undefined };
    expect(routeEvent(real, DAY).trigger).toMatchObject({ type: 'invoice_overdue', days: 7 });
  });

  it('lets the first matching automation by priority handle the event, skipping disabled ones', () => {
    const trigger = routeEvent(paymentFailed(t0, 'month'), DAY).trigger!;
    const annual = version(recipe1, 'a_annual');
    const any = version({ ...recipe1, filters: undefined }, 'b_any');
    const disabled = version({ ...recipe1, filters: undefined }, 'c_off');
    const result = matchAutomations(trigger, [candidate(any, 5), candidate(disabled, 0, false), candidate(annual, 1)], factsOf(paymentFailed(t0, 'month')));
    expect(result.winner?.automationId).toBe('b_any');
    expect(result.evaluations.map((e) => [e.automationId, e.matched])).toEqual([['a_annual', false], ['b_any', true]]);
  });

  it('matches due-date automations on their days only', () => {
    const seven = version(recipe2, 'seven');
    const fourteen = version({ ...recipe2, trigger: { type: 'invoice_overdue', days: 14 } }, 'fourteen');
    const event = overdue(sendInvoice(t0, 90_000), 14, t0 + 14 * DAY);
    expect(matchAutomations(routeEvent(event, DAY).trigger!, [candidate(seven, 1), candidate(fourteen, 2)], factsOf(event)).winner?.automationId).toBe('fourteen');
  });
});

describe('deadlines', () => {
  it('collects distinct offsets and drops upcoming ones already past', () => {
    const specs = deadlinesOf([version(recipe2, 'a'), version(recipe2, 'b'), version({ ...recipe2, trigger: { type: 'invoice_due_date_upcoming', days: 5 } }, 'c')]);
    expect(specs).toEqual([{ kind: 'invoice_overdue', days: 7 }, { kind: 'invoice_due_date_upcoming', days: 5 }]);
    const pending = pendingDeadlines({ invoiceId: 'i', customerId: 'c', dueDate: t0 + 3 * DAY, deadlines: specs, dayMs: DAY }, t0);
    expect(pending).toEqual([{ kind: 'invoice_overdue', days: 7, at: t0 + 10 * DAY }]);
  });
});
