import type { CustomerSnapshot, InvoiceSnapshot, PaymentMethodSnapshot, SubscriptionSnapshot } from '../../domain/billing';
import { buildTemplateContext, variablesFor, type TemplateContext } from '../../domain/email-templates';
import type { BuiltinEmailTemplate } from './templates';

/** The sample world previews and the save check render against: one customer, invoice and yearly subscription. */
const NOW = Date.UTC(2026, 2, 3, 15, 30);
const DAY = 86_400_000;
const customer: CustomerSnapshot = { id: 'cus_sample', name: 'Ada Lovelace', email: 'ada@example.com', metadata: {} };
const subscription: SubscriptionSnapshot = {
  id: 'sub_sample', customerId: customer.id, status: 'past_due', interval: 'year', intervalCount: 1, metadata: {},
  items: [{ priceId: 'price_pro_yearly', productId: 'prod_pro', productName: 'Pro', interval: 'year', intervalCount: 1 }],
  currentPeriodEnd: NOW + 365 * DAY,
};
const invoice: InvoiceSnapshot = {
  id: 'in_sample', number: 'INV-0042', customerId: customer.id, subscriptionId: subscription.id, status: 'open',
  collectionMethod: 'charge_automatically', amountDue: 123_450, amountRemaining: 123_450, currency: 'eur', dueDate: NOW - 11 * DAY,
  attemptCount: 1, hostedInvoiceUrl: 'https://billing.example.com/invoices/in_sample', metadata: {}, lines: subscription.items,
};

const paymentMethod: PaymentMethodSnapshot = { id: 'pm_sample', customerId: customer.id, cardBrand: 'visa', last4: '4242', expMonth: 3, expYear: 2026 };

/** Sample variables for a template: what a run of its trigger would give it, plus its extra variables filled in. */
export function sampleContext(template: Pick<BuiltinEmailTemplate, 'trigger' | 'extraVariables'>): TemplateContext {
  const vars = new Set([...variablesFor(template.trigger), ...(template.extraVariables ?? [])]);
  const canceled = template.trigger === 'subscription_canceled';
  const ctx = buildTemplateContext({
    automation: { automationId: 'auto_sample', name: 'Recover failed payments', version: 3 },
    customer, customerId: customer.id, now: NOW, dayMs: DAY,
    invoice: [...vars].some((v) => v.startsWith('invoice.')) ? invoice : undefined,
    subscription: [...vars].some((v) => v.startsWith('subscription.'))
      ? { ...subscription, ...(canceled && { status: 'canceled' as const, canceledAt: NOW, cancellationReason: 'payment_failed' }) }
      : undefined,
    paymentMethod: [...vars].some((v) => v.startsWith('payment_method.')) ? paymentMethod : undefined,
    expiryDays: vars.has('days_until_expiry') ? 30 : undefined,
    surveyUrl: vars.has('survey_url') ? 'https://example.com/survey?c=cus_sample' : undefined,
  });
  if (vars.has('memo')) ctx.memo = 'Invoice over $500 overdue by {{days_overdue}} days: please call {{customer.name}}.';
  if (vars.has('days_overdue') && ctx.days_overdue === undefined) ctx.days_overdue = 11;
  return ctx;
}
