import type { EmailTemplateName } from '../../../domain/email-templates';
import { cancellationConfirmation } from './cancellation-confirmation.template';
import { cardExpiring } from './card-expiring.template';
import { invoiceOverdue } from './invoice-overdue.template';
import type { EmailTemplateSource } from './layout.template';
import { paymentFailed } from './payment-failed.template';
import { teamMemo } from './team-memo.template';

/** Every template by its shipped name (names never change: automations refer to them). */
export const EMAIL_TEMPLATES: Record<EmailTemplateName, EmailTemplateSource> = {
  cancellation_confirmation: cancellationConfirmation,
  payment_failed: paymentFailed,
  invoice_overdue: invoiceOverdue,
  card_expiring: cardExpiring,
  team_memo: teamMemo,
};

export type { EmailTemplateSource } from './layout.template';
export { HTML_LAYOUT, TEXT_LAYOUT } from './layout.template';
