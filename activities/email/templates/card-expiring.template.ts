import type { EmailTemplateSource } from './layout.template';

/** Tells the customer their card expires soon and links to where they can update it, before any charge fails. */
export const cardExpiring: EmailTemplateSource = {
  audience: 'customer',
  subject: 'Your {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in {{payment_method.last4}}{{/if}} expires soon',
  html: `<p>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</p>
<p>The {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in <strong>{{payment_method.last4}}</strong>{{/if}} we charge for your payments {{#if payment_method.expires_on}}expires after <strong>{{payment_method.expires_on}}</strong>{{else}}expires soon{{/if}}. Please add a new card before then so that your next payment goes through.</p>
{{#if (url payment_link)}}<p style="margin:24px 0;"><a href="{{url payment_link}}" style="background:#2563eb;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;">Update your card</a></p>
<p style="font-size:13px;color:#6b7280;">Or open this link: {{url payment_link}}</p>{{/if}}
<p>If you have already updated it, there is nothing more to do.</p>`,
  text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

The {{#if payment_method.brand}}{{payment_method.brand}} {{/if}}card{{#if payment_method.last4}} ending in {{payment_method.last4}}{{/if}} we charge for your payments {{#if payment_method.expires_on}}expires after {{payment_method.expires_on}}{{else}}expires soon{{/if}}. Please add a new card before then so that your next payment goes through.

{{#if (url payment_link)}}
Update your card: {{url payment_link}}

{{/if}}
If you have already updated it, there is nothing more to do.`,
};
