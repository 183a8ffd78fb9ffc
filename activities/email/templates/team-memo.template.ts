import type { EmailTemplateSource } from './layout.template';

/** The internal memo of a `send_team_email` step: the automation's memo text, then the facts behind it. */
export const teamMemo: EmailTemplateSource = {
  audience: 'team',
  subject: '[Billing] {{firstLine memo}}',
  html: `<p style="font-size:16px;">{{lines memo}}</p>
<table role="presentation" cellpadding="4" cellspacing="0" style="font-size:14px;">
<tr><td style="color:#6b7280;">Customer</td><td>{{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}&lt;{{customer.email}}&gt; {{/if}}({{customer.id}})</td></tr>
{{#if invoice}}<tr><td style="color:#6b7280;">Invoice</td><td>{{invoice.number}}: {{invoice.amount_remaining}} of {{invoice.amount_due}} due{{#if invoice.due_date}} on {{invoice.due_date}}{{/if}}{{#if days_overdue}}, {{plural days_overdue "day"}} overdue{{/if}}</td></tr>{{/if}}
{{#if subscription}}<tr><td style="color:#6b7280;">Subscription</td><td>{{subscription.id}} ({{subscription.status}}{{#if subscription.interval}}, every {{subscription.interval}}{{/if}})</td></tr>{{/if}}
</table>`,
  text: `{{memo}}

Customer: {{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}<{{customer.email}}> {{/if}}({{customer.id}})
{{#if invoice}}Invoice: {{invoice.number}}: {{invoice.amount_remaining}} of {{invoice.amount_due}} due{{#if invoice.due_date}} on {{invoice.due_date}}{{/if}}{{#if days_overdue}}, {{plural days_overdue "day"}} overdue{{/if}}
{{/if}}{{#if subscription}}Subscription: {{subscription.id}} ({{subscription.status}}{{#if subscription.interval}}, every {{subscription.interval}}{{/if}})
{{/if}}`,
};
