import type { BuiltinEmailTemplate } from './template-source';

/** Tells the customer their subscription ended, with its plan and an optional survey link. */
export const cancellationConfirmation: BuiltinEmailTemplate = {
  name: 'cancellation_confirmation',
  audience: 'customer',
  description: 'The subscription was canceled; names its plan and links to the survey when the step sets one',
  trigger: 'subscription_canceled',
  extraVariables: ['survey_url'],
  content: {
    en: {
      subject: 'Your subscription has been canceled',
      body: `<mj-text>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</mj-text>
<mj-text>Your subscription{{#if subscription.products.length}} to <strong>{{join subscription.products}}</strong>{{/if}} was canceled on <strong>{{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}</strong>. You will not be charged for it again.</mj-text>
<mj-table font-size="14px">
{{#if subscription.products.length}}<tr><td style="color:#6b7280;">Plan</td><td>{{join subscription.products}}</td></tr>{{/if}}
{{#if subscription.interval}}<tr><td style="color:#6b7280;">Billed</td><td>every {{subscription.interval}}</td></tr>{{/if}}
<tr><td style="color:#6b7280;">Reference</td><td>{{subscription.id}}</td></tr>
</mj-table>
{{#if (url survey_url)}}<mj-text>Would you tell us why you left? It takes a minute: <a href="{{url survey_url}}">answer the survey</a>.</mj-text>{{/if}}
<mj-text>If this is a mistake, reply to this email and we will set things right.</mj-text>`,
      text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

Your subscription{{#if subscription.products.length}} to {{join subscription.products}}{{/if}} was canceled on {{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}. You will not be charged for it again.

{{#if subscription.products.length}}Plan: {{join subscription.products}}
{{/if}}{{#if subscription.interval}}Billed: every {{subscription.interval}}
{{/if}}Reference: {{subscription.id}}

{{#if (url survey_url)}}Would you tell us why you left? It takes a minute: {{url survey_url}}

{{/if}}If this is a mistake, reply to this email and we will set things right.`,
    },
    fr: {
      subject: 'Votre abonnement a été résilié',
      body: `<mj-text>Bonjour{{#if customer.name}} {{customer.name}}{{/if}},</mj-text>
<mj-text>Votre abonnement{{#if subscription.products.length}} à <strong>{{join subscription.products}}</strong>{{/if}} a été résilié le <strong>{{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}</strong>. Il ne vous sera plus facturé.</mj-text>
<mj-table font-size="14px">
{{#if subscription.products.length}}<tr><td style="color:#6b7280;">Offre</td><td>{{join subscription.products}}</td></tr>{{/if}}
{{#if subscription.interval}}<tr><td style="color:#6b7280;">Facturation</td><td>{{#if (eq subscription.interval "year")}}annuelle{{else}}{{#if (eq subscription.interval "month")}}mensuelle{{else}}{{subscription.interval}}{{/if}}{{/if}}</td></tr>{{/if}}
<tr><td style="color:#6b7280;">Référence</td><td>{{subscription.id}}</td></tr>
</mj-table>
{{#if (url survey_url)}}<mj-text>Pourriez-vous nous dire pourquoi vous partez ? Cela prend une minute : <a href="{{url survey_url}}">répondre au questionnaire</a>.</mj-text>{{/if}}
<mj-text>S’il s’agit d’une erreur, répondez à cet e-mail et nous arrangerons cela.</mj-text>`,
      text: `Bonjour{{#if customer.name}} {{customer.name}}{{/if}},

Votre abonnement{{#if subscription.products.length}} à {{join subscription.products}}{{/if}} a été résilié le {{#if cancellation_date}}{{cancellation_date}}{{else}}{{today}}{{/if}}. Il ne vous sera plus facturé.

{{#if subscription.products.length}}Offre : {{join subscription.products}}
{{/if}}Référence : {{subscription.id}}

{{#if (url survey_url)}}Pourriez-vous nous dire pourquoi vous partez ? Cela prend une minute : {{url survey_url}}

{{/if}}S’il s’agit d’une erreur, répondez à cet e-mail et nous arrangerons cela.`,
    },
  },
};
