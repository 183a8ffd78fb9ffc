import type { BuiltinEmailTemplate } from './template-source';

/** Tells the customer a charge failed and links to where they can update their payment method. */
export const paymentFailed: BuiltinEmailTemplate = {
  name: 'payment_failed',
  audience: 'customer',
  description: 'A charge of the customer failed; links to the page where the card is updated',
  trigger: 'subscription_payment_failed',
  content: {
    en: {
      subject: 'Payment failed for invoice {{invoice.number}}',
      body: `<mj-text>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</mj-text>
<mj-text>We could not collect <strong>{{invoice.amount_due}}</strong> for invoice {{invoice.number}}{{#if subscription.products.length}} ({{join subscription.products}}){{/if}}{{#if invoice.due_date}}, due {{invoice.due_date}}{{/if}}. Your card may have expired, or your bank may have declined the charge.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Update your payment method</mj-button>
<mj-text font-size="13px" color="#6b7280">Or open this link: {{url update_payment_method_url}}</mj-text>{{/if}}
<mj-text>We will try the charge again automatically{{#if subscription}} to keep your subscription active{{/if}}.</mj-text>`,
      text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

We could not collect {{invoice.amount_due}} for invoice {{invoice.number}}{{#if subscription.products.length}} ({{join subscription.products}}){{/if}}{{#if invoice.due_date}}, due {{invoice.due_date}}{{/if}}. Your card may have expired, or your bank may have declined the charge.

{{#if (url update_payment_method_url)}}
Update your payment method: {{url update_payment_method_url}}

{{/if}}
We will try the charge again automatically{{#if subscription}} to keep your subscription active{{/if}}.`,
    },
    fr: {
      subject: 'Échec du paiement de la facture {{invoice.number}}',
      body: `<mj-text>Bonjour{{#if customer.name}} {{customer.name}}{{/if}},</mj-text>
<mj-text>Nous n’avons pas pu encaisser <strong>{{invoice.amount_due}}</strong> pour la facture {{invoice.number}}{{#if subscription.products.length}} ({{join subscription.products}}){{/if}}{{#if invoice.due_date}}, échue le {{invoice.due_date}}{{/if}}. Votre carte a peut-être expiré, ou votre banque a refusé le paiement.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Mettre à jour votre moyen de paiement</mj-button>
<mj-text font-size="13px" color="#6b7280">Ou ouvrez ce lien : {{url update_payment_method_url}}</mj-text>{{/if}}
<mj-text>Nous réessaierons automatiquement{{#if subscription}} afin que votre abonnement reste actif{{/if}}.</mj-text>`,
      text: `Bonjour{{#if customer.name}} {{customer.name}}{{/if}},

Nous n’avons pas pu encaisser {{invoice.amount_due}} pour la facture {{invoice.number}}{{#if subscription.products.length}} ({{join subscription.products}}){{/if}}{{#if invoice.due_date}}, échue le {{invoice.due_date}}{{/if}}. Votre carte a peut-être expiré, ou votre banque a refusé le paiement.

{{#if (url update_payment_method_url)}}
Mettez à jour votre moyen de paiement : {{url update_payment_method_url}}

{{/if}}
Nous réessaierons automatiquement{{#if subscription}} afin que votre abonnement reste actif{{/if}}.`,
    },
  },
};
