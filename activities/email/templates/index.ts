import type { EmailTemplateName } from '../../../domain/email-templates';
import { cancellationConfirmation } from './cancellation-confirmation.template';
import { cardExpiring } from './card-expiring.template';
import { invoiceOverdue } from './invoice-overdue.template';
import { paymentFailed } from './payment-failed.template';
import type { BuiltinEmailTemplate } from './template-source';
import { teamMemo } from './team-memo.template';

/**
 * Every built-in template by its shipped name (names never change: automations refer to them). Each is seeded
 * as version 1 of each language in `email_templates`; a new built-in is one file and one entry here.
 */
export const BUILTIN_EMAIL_TEMPLATES: Record<EmailTemplateName, BuiltinEmailTemplate> = {
  cancellation_confirmation: cancellationConfirmation,
  payment_failed: paymentFailed,
  invoice_overdue: invoiceOverdue,
  card_expiring: cardExpiring,
  team_memo: teamMemo,
};

export type { BuiltinEmailTemplate, EmailTemplateContent } from './template-source';
