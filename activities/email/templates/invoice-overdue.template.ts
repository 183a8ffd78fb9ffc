import type { EmailTemplateSource } from './layout.template';

/** Reminds the customer that an invoice is past its due date, with the amount and a link to pay. */
export const invoiceOverdue: EmailTemplateSource = {
  audience: 'customer',
  subject: 'Invoice {{invoice.number}} is {{#if days_overdue}}{{plural days_overdue "day"}} {{/if}}overdue',
  html: `<p>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</p>
<p>Invoice {{invoice.number}} for <strong>{{invoice.amount_remaining}}</strong>{{#if invoice.due_date}} was due on {{invoice.due_date}}{{/if}}{{#if days_overdue}} and is now {{plural days_overdue "day"}} overdue{{else}} and is now overdue{{/if}}.</p>
{{#if (url invoice.hosted_invoice_url)}}<p style="margin:24px 0;"><a href="{{url invoice.hosted_invoice_url}}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;">Pay invoice {{invoice.number}}</a></p>{{/if}}
<p>If you have already paid, thank you, and please ignore this reminder.</p>`,
  text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

Invoice {{invoice.number}} for {{invoice.amount_remaining}}{{#if invoice.due_date}} was due on {{invoice.due_date}}{{/if}}{{#if days_overdue}} and is now {{plural days_overdue "day"}} overdue{{else}} and is now overdue{{/if}}.

{{#if (url invoice.hosted_invoice_url)}}
Pay it here: {{url invoice.hosted_invoice_url}}

{{/if}}
If you have already paid, thank you, and please ignore this reminder.`,
};
