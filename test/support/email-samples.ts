import type { EmailTemplateName, TemplateContext } from '../../domain/email-templates';

const base: TemplateContext = {
  automation: { id: 'auto_preview', name: 'Recover failed payments', version: 3 },
  customer: { id: 'cus_preview', name: 'Ada Lovelace', email: 'ada@example.com' },
  today: 'March 3, 2026',
};
const invoice: NonNullable<TemplateContext['invoice']> = {
  id: 'in_preview', number: 'INV-0042', amount_due: '$1,234.50', amount_remaining: '$1,234.50', currency: 'USD',
  due_date: 'February 20, 2026', hosted_invoice_url: 'https://invoice.stripe.com/i/acct_preview/in_preview',
};
// As buildTemplateContext fills them: the update link falls back to the hosted invoice page.
const invoiceFacts = { invoice, update_payment_method_url: invoice.hosted_invoice_url };
const subscription: TemplateContext['subscription'] = {
  id: 'sub_preview', status: 'past_due', interval: 'month', products: ['prod_pro'], prices: ['price_pro_monthly'],
  current_period_end: 'March 20, 2026',
};

/** A realistic context per template: the render tests start from these. */
export const EMAIL_TEMPLATE_SAMPLES: Record<EmailTemplateName, TemplateContext> = {
  cancellation_confirmation: {
    ...base, subscription: { ...subscription, status: 'canceled', canceled_at: 'March 3, 2026' },
    cancellation_date: 'March 3, 2026', survey_url: 'https://example.com/survey?c=cus_preview',
  },
  payment_failed: { ...base, ...invoiceFacts, subscription },
  invoice_overdue: { ...base, ...invoiceFacts, days_overdue: 11 },
  card_expiring: {
    ...base, update_payment_method_url: 'https://billing.example.com/card?c=cus_preview', days_until_expiry: 27,
    payment_method: { id: 'pm_preview', brand: 'visa', last4: '4242', exp_month: 3, exp_year: 2026, expires_on: 'March 31, 2026' },
  },
  team_memo: { ...base, ...invoiceFacts, days_overdue: 11, memo: 'Invoice over $500 overdue by {{days_overdue}} days: please call {{customer.name}}.' },
};
