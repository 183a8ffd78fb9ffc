import type { BuiltinEmailTemplate } from './template-source';

/** Reminds the customer that an invoice is past its due date, with the amount and a link to pay. */
export const invoiceOverdue: BuiltinEmailTemplate = {
  name: 'invoice_overdue',
  audience: 'customer',
  description: 'An invoice is past its due date; links to its payment page',
  trigger: 'invoice_overdue',
  content: {
    en: {
      subject: 'Invoice {{invoice.number}} is {{#if days_overdue}}{{plural days_overdue "day" "days"}} {{/if}}overdue',
      body: `<mj-text>Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},</mj-text>
<mj-text>Invoice {{invoice.number}} for <strong>{{invoice.amount_remaining}}</strong>{{#if invoice.due_date}} was due on {{invoice.due_date}}{{/if}}{{#if days_overdue}} and is now {{plural days_overdue "day" "days"}} overdue{{else}} and is now overdue{{/if}}.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Pay invoice {{invoice.number}}</mj-button>{{/if}}
<mj-text>If you have already paid, thank you, and please ignore this reminder.</mj-text>`,
      text: `Hi {{#if customer.name}}{{customer.name}}{{else}}there{{/if}},

Invoice {{invoice.number}} for {{invoice.amount_remaining}}{{#if invoice.due_date}} was due on {{invoice.due_date}}{{/if}}{{#if days_overdue}} and is now {{plural days_overdue "day" "days"}} overdue{{else}} and is now overdue{{/if}}.

{{#if (url update_payment_method_url)}}
Pay it here: {{url update_payment_method_url}}

{{/if}}
If you have already paid, thank you, and please ignore this reminder.`,
    },
    fr: {
      subject: 'La facture {{invoice.number}} est en retard{{#if days_overdue}} de {{plural days_overdue "jour" "jours"}}{{/if}}',
      body: `<mj-text>Bonjour{{#if customer.name}} {{customer.name}}{{/if}},</mj-text>
<mj-text>La facture {{invoice.number}} de <strong>{{invoice.amount_remaining}}</strong>{{#if invoice.due_date}} était due le {{invoice.due_date}}{{/if}}{{#if days_overdue}} ; elle est en retard de {{plural days_overdue "jour" "jours"}}{{else}} ; elle est maintenant en retard{{/if}}.</mj-text>
{{#if (url update_payment_method_url)}}<mj-button href="{{url update_payment_method_url}}">Payer la facture {{invoice.number}}</mj-button>{{/if}}
<mj-text>Si vous l’avez déjà réglée, merci, et ne tenez pas compte de ce rappel.</mj-text>`,
      text: `Bonjour{{#if customer.name}} {{customer.name}}{{/if}},

La facture {{invoice.number}} de {{invoice.amount_remaining}}{{#if invoice.due_date}} était due le {{invoice.due_date}}{{/if}}{{#if days_overdue}} ; elle est en retard de {{plural days_overdue "jour" "jours"}}{{else}} ; elle est maintenant en retard{{/if}}.

{{#if (url update_payment_method_url)}}
Payez-la ici : {{url update_payment_method_url}}

{{/if}}
Si vous l’avez déjà réglée, merci, et ne tenez pas compte de ce rappel.`,
    },
  },
};
