import type { EmailTemplateSource } from './layout.template';

/** Tells the customer a charge failed and links to where they can update their payment method. */
export const paymentFailed: EmailTemplateSource = {
  audience: 'customer',
  subject: 'Payment failed for invoice {{invoice.number}}',
  html: `<p>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</p>
<p>We could not collect <strong>{{invoice.amount_due}}</strong> for invoice {{invoice.number}}{{#if invoice.due_date}}, due {{invoice.due_date}}{{/if}}. Your card may have expired, or your bank may have declined the charge.</p>
{{#if (url payment_link)}}<p style="margin:24px 0;"><a href="{{url payment_link}}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;">Update your payment method</a></p>
<p style="font-size:13px;color:#6b7280;">Or open this link: {{url payment_link}}</p>{{/if}}
<p>We will try the charge again automatically{{#if subscription}} to keep your subscription active{{/if}}.</p>`,
  text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

We could not collect {{invoice.amount_due}} for invoice {{invoice.number}}{{#if invoice.due_date}}, due {{invoice.due_date}}{{/if}}. Your card may have expired, or your bank may have declined the charge.

{{#if (url payment_link)}}
Update your payment method: {{url payment_link}}

{{/if}}
We will try the charge again automatically{{#if subscription}} to keep your subscription active{{/if}}.`,
};
