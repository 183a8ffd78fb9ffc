import fc from 'fast-check';
import { parseAutomationDefinition } from '../../domain/automation-validation';
import type { AutomationDefinition } from '../../domain/automation';
import type { BillingEvent } from '../../domain/billing-event';
import { CALENDAR_DAY_MS, daysToCardExpiry, dueExpiryReminders, expiringEventId, expiryReminderMoot, type KnownCard } from '../../domain/card-expiry';
import { triggerMatches } from '../../domain/matching';
import { normalizeGenericEvent, normalizeStripeEvent } from '../../domain/normalize';
import { nextRun } from '../../domain/run-succession';
import { routeEvent } from '../../domain/triggers';
import { stripeEvent } from '../../testkit/stripe-events';
import { version } from '../../testkit/automation-fixtures';

const DAY = CALENDAR_DAY_MS;
const NOW = Date.UTC(2026, 11, 1, 9); // 1 December 2026
const card = (expMonth: number, expYear: number, id = 'pm_1'): KnownCard => ({ id, customerId: 'cus_1', expMonth, expYear });

describe('card expiry reminders', () => {
  it('counts the days left to the end of the expiry month', () => {
    expect(daysToCardExpiry({ expMonth: 12, expYear: 2026 }, NOW, DAY)).toBe(30); // works through 31 December
    expect(daysToCardExpiry({ expMonth: 1, expYear: 2027 }, NOW, DAY)).toBe(61);
    expect(daysToCardExpiry({ expMonth: 11, expYear: 2026 }, NOW, DAY)).toBe(0);
    expect(daysToCardExpiry({}, NOW, DAY)).toBeUndefined();
  });

  it('is due for cards within the window, not for expired cards nor later ones', () => {
    const due = dueExpiryReminders([card(12, 2026, 'a'), card(1, 2027, 'b'), card(11, 2026, 'c'), card(6, 2027, 'd'), { id: 'e', customerId: 'cus_1' }], NOW, 45);
    expect(due.map((d) => [d.card.id, d.days])).toEqual([['a', 30]]);
    expect(dueExpiryReminders([card(12, 2026)], NOW, 0)).toEqual([]);
  });

  it('raises one event per card and expiry', () => {
    expect(expiringEventId('pm_1', 3, 2027)).toBe('derived:payment_method_expiring:pm_1:2027-03');
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (a, b) => {
      expect(expiringEventId('pm_1', a, 2027) === expiringEventId('pm_1', b, 2027)).toBe(a === b);
    }));
  });

  it('is moot at send time when the card was removed, updated, or replaced as the default', () => {
    const trigger = { id: 'pm_1', exp_month: 12, exp_year: 2026 };
    const pm = { id: 'pm_1', customerId: 'cus_1', expMonth: 12, expYear: 2026 };
    expect(expiryReminderMoot(trigger, { paymentMethod: pm, customerId: 'cus_1', defaultPaymentMethodId: 'pm_1' })).toBeUndefined();
    expect(expiryReminderMoot(trigger, { paymentMethod: undefined, customerId: 'cus_1' })).toMatch(/removed/);
    expect(expiryReminderMoot(trigger, { paymentMethod: { ...pm, customerId: 'cus_2' }, customerId: 'cus_1' })).toMatch(/removed/);
    expect(expiryReminderMoot(trigger, { paymentMethod: { ...pm, expYear: 2029 }, customerId: 'cus_1' })).toMatch(/updated/);
    expect(expiryReminderMoot(trigger, { paymentMethod: pm, customerId: 'cus_1', defaultPaymentMethodId: 'pm_2' })).toMatch(/another payment method/);
  });
});

describe('the payment_method_expiring trigger', () => {
  const reminder = (days: number) => version({ name: 'remind', trigger: { type: 'payment_method_expiring', days }, steps: [{ type: 'send_customer_email', template: 'card_expiring' }] }, 'auto_r');

  it('routes a generic event to its customer with the days left, matching automations whose days cover them', () => {
    const parsed = normalizeGenericEvent({
      id: 'evt_1', type: 'payment_method_expiring', occurred_at: new Date(NOW).toISOString(),
      payment_method: { id: 'pm_1', customer_id: 'cus_1', card_brand: 'visa', exp_month: 12, exp_year: 2026 },
    });
    if (parsed.status !== 'normalized') throw new Error(JSON.stringify(parsed));
    const { trigger } = routeEvent(parsed.event, 2_000); // a demo's short days do not change calendar days
    expect(trigger).toEqual({ type: 'payment_method_expiring', subject: { type: 'customer', id: 'cus_1' }, days: 30 });
    expect(triggerMatches(reminder(30), trigger!)).toBe(true);
    expect(triggerMatches(reminder(45), trigger!)).toBe(true);
    expect(triggerMatches(reminder(29), trigger!)).toBe(false);
  });

  it('turns a signed Stripe customer.source.expiring (a legacy card) into it, and customer.source.updated into a card update', () => {
    const object = { id: 'card_1', object: 'card', customer: 'cus_9', brand: 'Visa', last4: '4242', fingerprint: 'fp_c', exp_month: 12, exp_year: 2026 };
    const expiring = normalizeStripeEvent(stripeEvent('customer.source.expiring', { object, created: NOW / 1000 }));
    if (expiring.status !== 'normalized') throw new Error(JSON.stringify(expiring));
    expect(expiring.event).toMatchObject({ kind: 'payment_method_expiring', paymentMethod: { id: 'card_1', customerId: 'cus_9', cardBrand: 'visa', expMonth: 12, expYear: 2026 } });
    expect(routeEvent(expiring.event as BillingEvent, DAY).trigger).toMatchObject({ subject: { type: 'customer', id: 'cus_9' }, days: 30 });
    const source = { id: 'src_1', object: 'source', customer: 'cus_9', card: { brand: 'mastercard', exp_month: 1, exp_year: 2027 } };
    const updated = normalizeStripeEvent(stripeEvent('customer.source.updated', { object: source }));
    expect(updated.status === 'normalized' && updated.event).toMatchObject({ kind: 'payment_method_updated', paymentMethod: { id: 'src_1', cardBrand: 'mastercard', expMonth: 1 } });
    expect(updated.status === 'normalized' && routeEvent(updated.event, DAY).signals).toMatchObject([{ signal: 'paymentMethodUpdated', target: { attribute: 'CustomerId', id: 'cus_9' } }]);
  });

  it('turns a customer.updated that changed the legacy default_source into a card update', () => {
    const event = stripeEvent('customer.updated', { previousAttributes: { default_source: 'card_old' } });
    event.data.object.invoice_settings.default_payment_method = null;
    event.data.object.default_source = 'card_new';
    const result = normalizeStripeEvent(event);
    expect(result.status === 'normalized' && result.event).toMatchObject({ kind: 'payment_method_updated', paymentMethod: { id: 'card_new' } });
  });

  it('takes card_expiring only on it, and no invoice or subscription step', () => {
    const def = (steps: AutomationDefinition['steps'], trigger: AutomationDefinition['trigger'] = { type: 'payment_method_expiring', days: 30 }) => parseAutomationDefinition({ name: 'x', trigger, steps });
    expect(def([{ type: 'send_customer_email', template: 'card_expiring' }]).ok).toBe(true);
    expect(def([{ type: 'send_customer_email', template: 'card_expiring' }], { type: 'subscription_payment_failed' })).toMatchObject({ ok: false, errors: [{ path: 'steps.0.template' }] });
    expect(def([{ type: 'send_customer_email', template: 'payment_failed' }])).toMatchObject({ ok: false, errors: [{ path: 'steps.0.template' }] });
    expect(def([{ type: 'cancel_subscription' }])).toMatchObject({ ok: false, errors: [{ path: 'steps.0.type' }] });
    expect(def([{ type: 'send_team_email', to: ['ops@acme.test'], memo: 'Card {{payment_method.last4}} expires {{payment_method.expires_on}}' }]).ok).toBe(true);
    expect(def([{ type: 'send_customer_email', template: 'card_expiring' }], { type: 'payment_method_expiring', days: 0 } as never).ok).toBe(false);
  });

  it('starts a new run for the customer\'s next expiring card once the last reminder run ended', () => {
    const latest = { id: 'run:a:customer:cus_1', status: 'completed' as const, triggerEventId: 'e1' };
    expect(nextRun('run:a:customer:cus_1', latest, { eventId: 'e2' }, true)).toEqual({ start: true, workflowId: 'run:a:customer:cus_1:2', previousRunId: latest.id });
    expect(nextRun('run:a:customer:cus_1', latest, { eventId: 'e1' }, true)).toEqual({ start: false, workflowId: latest.id });
    expect(nextRun('run:a:customer:cus_1', { ...latest, status: 'running' }, { eventId: 'e2' }, true)).toMatchObject({ start: false });
    expect(nextRun('run:a:customer:cus_1', latest, { eventId: 'e2' })).toMatchObject({ start: false });
  });
});
