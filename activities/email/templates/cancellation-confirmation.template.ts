import type { EmailTemplateSource } from './layout.template';

/** Tells the customer their subscription ended, with its details and an optional survey link. */
export const cancellationConfirmation: EmailTemplateSource = {
  audience: 'customer',
  subject: 'Your subscription has been canceled',
  html: `<p>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</p>
<p>Your subscription was canceled on <strong>{{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}</strong>. You will not be charged for it again.</p>
<table role="presentation" cellpadding="4" cellspacing="0" style="font-size:14px;">
<tr><td style="color:#6b7280;">Subscription</td><td>{{subscription.id}}</td></tr>
{{#if subscription.products.length}}<tr><td style="color:#6b7280;">Plan</td><td>{{join subscription.products}}</td></tr>{{/if}}
{{#if subscription.interval}}<tr><td style="color:#6b7280;">Billed</td><td>every {{subscription.interval}}</td></tr>{{/if}}
{{#if invoice}}<tr><td style="color:#6b7280;">Still due</td><td>{{invoice.amount_remaining}} (invoice {{invoice.number}})</td></tr>{{/if}}
</table>
{{#if (url survey_url)}}<p>Would you tell us why you left? It takes a minute: <a href="{{url survey_url}}">answer the survey</a>.</p>{{/if}}
<p>If this is a mistake, reply to this email and we will set things right.</p>`,
  text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

Your subscription was canceled on {{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}. You will not be charged for it again.

Subscription: {{subscription.id}}
{{#if subscription.products.length}}Plan: {{join subscription.products}}
{{/if}}{{#if subscription.interval}}Billed: every {{subscription.interval}}
{{/if}}{{#if invoice}}Still due: {{invoice.amount_remaining}} (invoice {{invoice.number}})
{{/if}}
{{#if (url survey_url)}}Would you tell us why you left? It takes a minute: {{url survey_url}}

{{/if}}If this is a mistake, reply to this email and we will set things right.`,
};
