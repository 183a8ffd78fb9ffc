import type { CustomerSnapshot, InvoiceSnapshot, PaymentMethodSnapshot, SubscriptionSnapshot } from './billing';
import type { TriggerType } from './automation';
import { formatDate, formatMoney } from './format';

/**
 * The contract between the run workflow (which builds the variables) and the email renderer in
 * `activities/email/` (which turns a template name + context into HTML/text with Handlebars).
 * Variables are snake_case, as users write them: `{{invoice.number}}`, `{{days_overdue}}`.
 */

/** Templates the renderer must provide: the customer templates and the team memo. */
export const EMAIL_TEMPLATE_NAMES = ['cancellation_confirmation', 'payment_failed', 'invoice_overdue', 'card_expiring', 'team_memo'] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

/** Everything a template may use; absent sections mean the run's subject has no such object. */
export interface TemplateContext {
  automation: { id: string; name: string; version: number };
  customer: { id: string; name?: string; email?: string };
  invoice?: {
    id: string;
    number: string;
    /** Formatted with its currency, e.g. `$1,234.50`. */
    amount_due: string;
    amount_remaining: string;
    currency: string;
    due_date?: string;
    hosted_invoice_url?: string;
  };
  subscription?: {
    id: string;
    status: string;
    interval?: string;
    /** Product names (ids where no name is known). */
    products: string[];
    product_ids?: string[];
    prices: string[];
    current_period_end?: string;
    canceled_at?: string;
    cancellation_reason?: string;
  };
  /** The card a `payment_method_expiring` run is about. */
  payment_method?: { id: string; brand?: string; last4?: string; exp_month?: number; exp_year?: number; expires_on?: string };
  days_until_expiry?: number;
  days_overdue?: number;
  days_until_due?: number;
  cancellation_date?: string;
  survey_url?: string;
  /** Where the customer updates the payment method: the explicit page if given, else the invoice's hosted page. */
  update_payment_method_url?: string;
  /** Team memo text with its own variables already filled in. */
  memo?: string;
  /** The run's `now`, formatted (`en-US`, UTC until the email is localized for its customer). */
  today: string;
  /** The language the email is written in (`en`, `fr`), set when it is localized for its customer. */
  locale?: string;
  /** The unformatted amounts (minor units) and dates (epoch ms) behind the strings above, for localizing. */
  raw?: RawTemplateValues;
}

/** Numbers behind a context's formatted strings: a customer email re-formats them in the customer's locale. */
export interface RawTemplateValues {
  currency?: string;
  amount_due?: number;
  amount_remaining?: number;
  due_date?: number;
  today: number;
  current_period_end?: number;
  canceled_at?: number;
  expires_on?: number;
}

/** Facts a context is built from: the triggering event's snapshots and the run's clock. */
export interface TemplateFacts {
  automation: { automationId: string; name: string; version: number };
  customer?: CustomerSnapshot;
  customerId: string;
  invoice?: InvoiceSnapshot;
  subscription?: SubscriptionSnapshot;
  /** The expiring card of a `payment_method_expiring` run. */
  paymentMethod?: PaymentMethodSnapshot;
  /** The days before expiry the trigger said. */
  expiryDays?: number;
  now: number;
  dayMs: number;
  /** When the run's trigger happened (epoch ms) and, for an overdue trigger, the days it said: the run's own start. */
  startedAt?: number;
  startDays?: number;
  surveyUrl?: string;
  /** A page of the company's own for updating the card (e.g. a customer portal); wins over the hosted invoice. */
  updatePaymentMethodUrl?: string;
}

const REAL_DAY_MS = 86_400_000;

/**
 * Whole days past the due date. Time since the run's own start counts in the run's day length (a demo with
 * DAY_DURATION=2s reads the same as production); time before it is real time, in real days (an invoice due in
 * 2009 is some 6 000 days overdue, not millions of demo days), or the days the overdue trigger said.
 */
export function daysOverdue(dueDate: number, f: Pick<TemplateFacts, 'now' | 'dayMs' | 'startedAt' | 'startDays'>): number {
  const start = f.startedAt === undefined ? undefined : Math.min(f.startedAt, f.now);
  if (start === undefined || f.dayMs === REAL_DAY_MS) return Math.floor((f.now - dueDate) / f.dayMs);
  const before = f.startDays ?? Math.floor((start - dueDate) / REAL_DAY_MS);
  const since = Math.floor((f.now - Math.max(start, dueDate)) / f.dayMs);
  return before < 0 ? Math.floor((f.now - dueDate) / f.dayMs) : before + since;
}

/** Builds the variables of every template from snapshots; pure, so workflows can call it. */
export function buildTemplateContext(f: TemplateFacts): TemplateContext {
  const { invoice: inv, subscription: sub } = f;
  const ctx: TemplateContext = {
    automation: { id: f.automation.automationId, name: f.automation.name, version: f.automation.version },
    customer: { id: f.customerId, name: f.customer?.name, email: f.customer?.email },
    today: formatDate(f.now),
    raw: { today: f.now },
  };
  const raw = ctx.raw!;
  if (inv) {
    Object.assign(raw, { currency: inv.currency, amount_due: inv.amountDue, amount_remaining: inv.amountRemaining, due_date: inv.dueDate });
    ctx.invoice = {
      id: inv.id,
      number: inv.number ?? inv.id,
      amount_due: formatMoney({ amount: inv.amountDue, currency: inv.currency }),
      amount_remaining: formatMoney({ amount: inv.amountRemaining, currency: inv.currency }),
      currency: inv.currency.toUpperCase(),
      due_date: inv.dueDate === undefined ? undefined : formatDate(inv.dueDate),
      hosted_invoice_url: inv.hostedInvoiceUrl,
    };
    if (inv.dueDate !== undefined) {
      const diff = daysOverdue(inv.dueDate, f);
      if (diff >= 0) ctx.days_overdue = diff;
      else ctx.days_until_due = Math.ceil((inv.dueDate - f.now) / f.dayMs);
    }
  }
  if (sub) {
    ctx.subscription = {
      id: sub.id,
      status: sub.status,
      interval: sub.interval,
      // The product's name where the event or provider gave one (ids mean nothing to a customer).
      products: unique(sub.items.map((i) => i.productName ?? i.productId)),
      product_ids: unique(sub.items.map((i) => i.productId)),
      prices: unique(sub.items.map((i) => i.priceId)),
      current_period_end: sub.currentPeriodEnd === undefined ? undefined : formatDate(sub.currentPeriodEnd),
      canceled_at: sub.canceledAt === undefined ? undefined : formatDate(sub.canceledAt),
      cancellation_reason: sub.cancellationReason,
    };
    Object.assign(raw, { current_period_end: sub.currentPeriodEnd, canceled_at: sub.canceledAt });
    if (sub.canceledAt !== undefined) ctx.cancellation_date = formatDate(sub.canceledAt);
  }
  const pm = f.paymentMethod;
  if (pm) {
    const lastDay = pm.expMonth !== undefined && pm.expYear !== undefined ? Date.UTC(pm.expYear, pm.expMonth, 0) : undefined;
    raw.expires_on = lastDay;
    ctx.payment_method = { id: pm.id, brand: pm.cardBrand, last4: pm.last4, exp_month: pm.expMonth, exp_year: pm.expYear, expires_on: lastDay === undefined ? undefined : formatDate(lastDay) };
    if (f.expiryDays !== undefined) ctx.days_until_expiry = f.expiryDays;
  }
  if (f.surveyUrl) ctx.survey_url = f.surveyUrl;
  // Stripe's hosted invoice page takes a new card, so it is the fallback where no page of our own is set.
  const updateUrl = f.updatePaymentMethodUrl ?? inv?.hostedInvoiceUrl;
  if (updateUrl) ctx.update_payment_method_url = updateUrl;
  return ctx;
}

const VARIABLE = /\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/gi;

/** Fills `{{path}}` variables of user text (the team memo) from a context; unknown paths become ''. */
export function fillVariables(text: string, ctx: TemplateContext): string {
  return text.replace(VARIABLE, (_, path: string) => {
    const value = path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), ctx);
    return value == null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  });
}

const COMMON_VARS = ['automation.id', 'automation.name', 'automation.version', 'customer.id', 'customer.name', 'customer.email', 'today', 'locale'];
const INVOICE_VARS = ['invoice.id', 'invoice.number', 'invoice.amount_due', 'invoice.amount_remaining', 'invoice.currency', 'invoice.due_date', 'invoice.hosted_invoice_url', 'update_payment_method_url'];
const SUBSCRIPTION_VARS = ['subscription.id', 'subscription.status', 'subscription.interval', 'subscription.products', 'subscription.product_ids', 'subscription.prices', 'subscription.current_period_end', 'subscription.canceled_at', 'subscription.cancellation_reason', 'cancellation_date'];

const PAYMENT_METHOD_VARS = ['payment_method.id', 'payment_method.brand', 'payment_method.last4', 'payment_method.exp_month', 'payment_method.exp_year', 'payment_method.expires_on', 'days_until_expiry', 'update_payment_method_url'];

/** The variables a trigger's runs can fill (used to reject typos when an automation is saved). */
export function variablesFor(trigger: TriggerType): string[] {
  switch (trigger) {
    case 'invoice_overdue':
      return [...COMMON_VARS, ...INVOICE_VARS, 'days_overdue'];
    case 'invoice_due_date_upcoming':
      return [...COMMON_VARS, ...INVOICE_VARS, 'days_until_due'];
    case 'invoice_finalized':
      return [...COMMON_VARS, ...INVOICE_VARS];
    case 'subscription_payment_failed':
      return [...COMMON_VARS, ...INVOICE_VARS, ...SUBSCRIPTION_VARS];
    case 'subscription_canceled':
      return [...COMMON_VARS, ...SUBSCRIPTION_VARS];
    case 'customer_created':
      return COMMON_VARS;
    case 'payment_method_expiring':
      return [...COMMON_VARS, ...PAYMENT_METHOD_VARS];
  }
}

/** Problems with the variables used in `text` for a trigger, as messages (empty when all are known). */
export function checkTemplateVariables(text: string, trigger: TriggerType): string[] {
  const known = new Set(variablesFor(trigger));
  return [...text.matchAll(VARIABLE)]
    .map((m) => m[1])
    .filter((v) => !known.has(v))
    .map((v) => `unknown variable {{${v}}} for trigger ${trigger}; known: ${[...known].join(', ')}`);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
