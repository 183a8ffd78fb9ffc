import type { BuiltinEmailTemplate } from './template-source';

/** Tells the customer their card expires soon and links to where they can update it, before any charge fails. */
export const cardExpiring: BuiltinEmailTemplate = {
  name: 'card_expiring',
  audience: 'customer',
  description: 'The card on file expires soon; links to the page where it is updated',
  trigger: 'payment_method_expiring',
  content: {
    en: {
      subject: 'Your {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in {{payment_method.last4}}{{/if}} expires soon',
      body: `<mj-text>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</mj-text>
<mj-text>The {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in <strong>{{payment_method.last4}}</strong>{{/if}} we charge for your payments {{#if payment_method.expires_on}}expires after <strong>{{payment_method.expires_on}}</strong>{{else}}expires soon{{/if}}. Please add a new card before then so that your next payment goes through.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Update your card</mj-button>
<mj-text font-size="13px" color="#6b7280">Or open this link: {{url update_payment_method_url}}</mj-text>{{/if}}
<mj-text>If you have already updated it, there is nothing more to do.</mj-text>`,
      text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

The {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in {{payment_method.last4}}{{/if}} we charge for your payments {{#if payment_method.expires_on}}expires after {{payment_method.expires_on}}{{else}}expires soon{{/if}}. Please add a new card before then so that your next payment goes through.

{{#if (url update_payment_method_url)}}
Update your card: {{url update_payment_method_url}}

{{/if}}
If you have already updated it, there is nothing more to do.`,
    },
    fr: {
      subject: 'Votre carte{{#if payment_method.brand}} {{payment_method.brand}}{{/if}}{{#if payment_method.last4}} se terminant par {{payment_method.last4}}{{/if}} expire bientôt',
      body: `<mj-text>Bonjour{{#if customer.name}} {{customer.name}}{{/if}},</mj-text>
<mj-text>La carte{{#if payment_method.brand}} {{payment_method.brand}}{{/if}}{{#if payment_method.last4}} se terminant par <strong>{{payment_method.last4}}</strong>{{/if}} que nous débitons pour vos paiements {{#if payment_method.expires_on}}expire après le <strong>{{payment_method.expires_on}}</strong>{{else}}expire bientôt{{/if}}. Ajoutez une nouvelle carte d’ici là pour que votre prochain paiement aboutisse.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Mettre à jour votre carte</mj-button>
<mj-text font-size="13px" color="#6b7280">Ou ouvrez ce lien : {{url update_payment_method_url}}</mj-text>{{/if}}
<mj-text>Si vous l’avez déjà mise à jour, vous n’avez rien d’autre à faire.</mj-text>`,
      text: `Bonjour{{#if customer.name}} {{customer.name}}{{/if}},

La carte{{#if payment_method.brand}} {{payment_method.brand}}{{/if}}{{#if payment_method.last4}} se terminant par {{payment_method.last4}}{{/if}} que nous débitons pour vos paiements {{#if payment_method.expires_on}}expire après le {{payment_method.expires_on}}{{else}}expire bientôt{{/if}}. Ajoutez une nouvelle carte d’ici là pour que votre prochain paiement aboutisse.

{{#if (url update_payment_method_url)}}
Mettez à jour votre carte : {{url update_payment_method_url}}

{{/if}}
Si vous l’avez déjà mise à jour, vous n’avez rien d’autre à faire.`,
    },
  },
};
