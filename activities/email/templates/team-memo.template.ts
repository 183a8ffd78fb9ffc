import type { BuiltinEmailTemplate } from './template-source';

/** The internal memo of a `send_team_email` step: the automation's memo text, then the facts behind it. */
export const teamMemo: BuiltinEmailTemplate = {
  name: 'team_memo',
  audience: 'team',
  description: 'The memo of a send_team_email step, with the customer, invoice and subscription behind it',
  trigger: 'subscription_payment_failed',
  extraVariables: ['memo', 'days_overdue'],
  content: {
    en: {
      subject: '[Billing] {{firstLine memo}}',
      body: `<mj-text font-size="16px">{{lines memo}}</mj-text>
<mj-table font-size="14px">
<tr><td style="color:#6b7280;">Customer</td><td>{{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}&lt;{{customer.email}}&gt; {{/if}}({{customer.id}})</td></tr>
{{#if invoice}}<tr><td style="color:#6b7280;">Invoice</td><td>{{invoice.number}}: {{invoice.amount_remaining}} of {{invoice.amount_due}} due{{#if invoice.due_date}} on {{invoice.due_date}}{{/if}}{{#if days_overdue}}, {{plural days_overdue "day" "days"}} overdue{{/if}}</td></tr>{{/if}}
{{#if subscription}}<tr><td style="color:#6b7280;">Subscription</td><td>{{subscription.id}} ({{#if subscription.products.length}}{{join subscription.products}}, {{/if}}{{subscription.status}}{{#if subscription.interval}}, every {{subscription.interval}}{{/if}})</td></tr>{{/if}}
</mj-table>`,
      text: `{{memo}}

Customer: {{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}<{{customer.email}}> {{/if}}({{customer.id}})
{{#if invoice}}Invoice: {{invoice.number}}: {{invoice.amount_remaining}} of {{invoice.amount_due}} due{{#if invoice.due_date}} on {{invoice.due_date}}{{/if}}{{#if days_overdue}}, {{plural days_overdue "day" "days"}} overdue{{/if}}
{{/if}}{{#if subscription}}Subscription: {{subscription.id}} ({{#if subscription.products.length}}{{join subscription.products}}, {{/if}}{{subscription.status}}{{#if subscription.interval}}, every {{subscription.interval}}{{/if}})
{{/if}}`,
    },
    fr: {
      subject: '[Facturation] {{firstLine memo}}',
      body: `<mj-text font-size="16px">{{lines memo}}</mj-text>
<mj-table font-size="14px">
<tr><td style="color:#6b7280;">Client</td><td>{{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}&lt;{{customer.email}}&gt; {{/if}}({{customer.id}})</td></tr>
{{#if invoice}}<tr><td style="color:#6b7280;">Facture</td><td>{{invoice.number}} : {{invoice.amount_remaining}} dus sur {{invoice.amount_due}}{{#if invoice.due_date}}, échéance le {{invoice.due_date}}{{/if}}{{#if days_overdue}}, en retard de {{plural days_overdue "jour" "jours"}}{{/if}}</td></tr>{{/if}}
{{#if subscription}}<tr><td style="color:#6b7280;">Abonnement</td><td>{{subscription.id}} ({{#if subscription.products.length}}{{join subscription.products}}, {{/if}}{{subscription.status}})</td></tr>{{/if}}
</mj-table>`,
      text: `{{memo}}

Client : {{#if customer.name}}{{customer.name}} {{/if}}{{#if customer.email}}<{{customer.email}}> {{/if}}({{customer.id}})
{{#if invoice}}Facture : {{invoice.number}} : {{invoice.amount_remaining}} dus sur {{invoice.amount_due}}{{#if invoice.due_date}}, échéance le {{invoice.due_date}}{{/if}}{{#if days_overdue}}, en retard de {{plural days_overdue "jour" "jours"}}{{/if}}
{{/if}}{{#if subscription}}Abonnement : {{subscription.id}} ({{#if subscription.products.length}}{{join subscription.products}}, {{/if}}{{subscription.status}})
{{/if}}`,
    },
  },
};
