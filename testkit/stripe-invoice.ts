import { addInterval, applyOverrides, drop, stripeFixture, type StripeObject } from './stripe-fixtures';
import { buildDeclinedPaymentIntent, buildPlan, buildPrice, type Scenario } from './stripe-objects';

const DAY = 86_400;

/** The invoice status an event of this type implies. */
const STATUS_BY_TYPE: Record<string, string> = {
  'invoice.paid': 'paid', 'invoice.payment_succeeded': 'paid', 'invoice.voided': 'void',
  'invoice.marked_uncollectible': 'uncollectible', 'invoice.created': 'draft',
};

/** One line in the shape's own words: `price`/`plan` (legacy) or `pricing`/`parent` (current). */
function buildLine(s: Scenario): StripeObject {
  const line = stripeFixture(s.shape, 'invoice').lines.data[0];
  const start = s.created - 3600;
  const sub = s.subscribed ? s.ids.subscription : null;
  const invoiceItem = s.subscribed ? null : `ii_${s.ids.invoice.slice(3)}`;
  Object.assign(line, {
    id: `il_${s.ids.invoice.slice(3)}`, invoice: s.ids.invoice, amount: s.amount, currency: s.currency,
    livemode: s.livemode, subscription: sub, description: s.subscribed ? `1 × Plan (at ${s.amount} / ${s.interval})` : 'One-off',
    period: { start, end: s.subscribed ? addInterval(start, s.interval, s.intervalCount) : start },
  });
  if (s.shape === 'legacy') {
    return Object.assign(line, {
      price: buildPrice(s), plan: s.subscribed ? buildPlan(s) : null, type: s.subscribed ? 'subscription' : 'invoiceitem',
      proration: false, invoice_item: invoiceItem, subscription_item: s.subscribed ? s.ids.subscriptionItem : null,
      amount_excluding_tax: s.amount, unit_amount_excluding_tax: String(s.amount),
    });
  }
  const details = { invoice_item: invoiceItem, proration: false, proration_details: { credited_items: null }, subscription: sub };
  return Object.assign(line, {
    subtotal: s.amount, taxes: [],
    pricing: { type: 'price_details', price_details: { price: s.ids.price, product: s.ids.product }, unit_amount_decimal: String(s.amount) },
    parent: s.subscribed
      ? { type: 'subscription_item_details', invoice_item_details: null, subscription_item_details: { ...details, subscription_item: s.ids.subscriptionItem } }
      : { type: 'invoice_item_details', subscription_item_details: null, invoice_item_details: details },
  });
}

/** An Invoice as the event of `type` would carry it, in the scenario's shape. */
export function buildInvoice(s: Scenario, type: string): StripeObject {
  const o = s.overrides.invoice ?? {};
  const status = (o.status as string) ?? STATUS_BY_TYPE[type] ?? 'open';
  const dueEvent = type === 'invoice.overdue' || type === 'invoice.will_be_due';
  const method = (o.collection_method as string) ?? (dueEvent ? 'send_invoice' : 'charge_automatically');
  const paid = status === 'paid';
  const failed = type === 'invoice.payment_failed';
  const attempts = (o.attempt_count as number) ?? (failed || paid ? 1 : 0);
  const finalized = s.created - 3600;
  const dueDate = method !== 'send_invoice' ? null : type === 'invoice.overdue' ? s.created - 3 * DAY : s.created + (dueEvent ? 7 : 30) * DAY;
  const charged = method === 'charge_automatically' && attempts > 0;
  const invoice = stripeFixture(s.shape, 'invoice');
  Object.assign(invoice, {
    id: s.ids.invoice, customer: s.ids.customer, customer_email: 'jenny.rosen@example.com', customer_name: 'Jenny Rosen',
    customer_address: null, customer_shipping: null, shipping_cost: null, shipping_details: null, from_invoice: null,
    last_finalization_error: null, amount_overpaid: s.shape === 'current' ? 0 : undefined,
    amount_due: s.amount, amount_paid: paid ? s.amount : 0, amount_remaining: paid ? 0 : s.amount,
    subtotal: s.amount, subtotal_excluding_tax: s.amount, total: s.amount, total_excluding_tax: s.amount,
    attempt_count: attempts, attempted: attempts > 0, auto_advance: status === 'open', collection_method: method,
    billing_reason: s.subscribed ? 'subscription_cycle' : 'manual', created: finalized - 3600, currency: s.currency,
    due_date: dueDate, effective_at: finalized, livemode: s.livemode, number: 'JR-0001',
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_test/${s.ids.invoice}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_test/${s.ids.invoice}/pdf`,
    next_payment_attempt: failed && status === 'open' ? s.created + 3 * DAY : null, status,
    status_transitions: {
      finalized_at: status === 'draft' ? null : finalized, paid_at: paid ? s.created : null,
      voided_at: status === 'void' ? s.created : null, marked_uncollectible_at: status === 'uncollectible' ? s.created : null,
    },
    period_start: finalized, period_end: finalized, webhooks_delivered_at: null, metadata: {},
    lines: { ...invoice.lines, data: [buildLine(s)], url: `/v1/invoices/${s.ids.invoice}/lines` },
  });
  if (invoice.amount_overpaid === undefined) delete invoice.amount_overpaid;
  const intent = s.declineCode ? buildDeclinedPaymentIntent(s) : undefined;
  if (s.shape === 'legacy') {
    Object.assign(invoice, {
      subscription: s.subscribed ? s.ids.subscription : null, subscription_details: { metadata: s.subscribed ? {} : null },
      paid, paid_out_of_band: false,
      charge: charged ? s.ids.charge : null, payment_intent: intent ?? (charged ? s.ids.paymentIntent : null),
    });
    drop(invoice, 'parent');
  } else {
    invoice.parent = s.subscribed
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: s.ids.subscription } }
      : null;
    drop(invoice, 'subscription', 'subscription_details', 'charge', 'payment_intent', 'paid', 'paid_out_of_band');
    // Stripe only includes `payments` when expanded; a decline code needs the intent, so expand it then.
    if (intent) invoice.payments = { object: 'list', has_more: false, url: `/v1/invoice_payments?invoice=${s.ids.invoice}`,
      data: [{ id: `inpay_${s.ids.invoice.slice(3)}`, object: 'invoice_payment', amount_paid: null, amount_requested: s.amount,
        created: s.created - 60, currency: s.currency, invoice: s.ids.invoice, is_default: true, livemode: s.livemode,
        payment: { type: 'payment_intent', payment_intent: intent }, status: 'open',
        status_transitions: { canceled_at: null, paid_at: null } }] };
  }
  return applyOverrides(invoice, o);
}
