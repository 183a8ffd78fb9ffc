import type { TemplateContext } from '../domain/email-templates';
import { emailLocaleOf, localizeContext } from '../domain/email-locale';
import type { BillingProvider } from '../providers/billing/billing-provider';
import { checkTeamRecipients } from '../domain/team-recipients';
import { expiryReminderMoot } from '../domain/card-expiry';
import type { CUSTOMER_TEMPLATES } from '../domain/automation';
import type { ActivityDeps } from './deps';
import { mapErrors, runFailure, RunFailureType } from './errors';

/** A memo to the team; recipients are checked against the team email policy at send time. */
export interface TeamEmailInput {
  idempotencyKey: string;
  at: number;
  to: string[];
  subject?: string;
  /** Memo text with its variables already filled by the workflow. */
  memo: string;
  context: TemplateContext;
  tags: Record<string, string>;
}

/** A customer email from one of the customer templates; the address is read fresh from billing. */
export interface CustomerEmailInput {
  idempotencyKey: string;
  at: number;
  template: (typeof CUSTOMER_TEMPLATES)[number];
  customerId: string;
  context: TemplateContext;
  tags: Record<string, string>;
}

export interface EmailResult {
  messageId: string;
  to: string[];
  /** Not sent because it is no longer needed (a card-expiry reminder after the card was replaced): why. */
  skipped?: string;
  /** `unknown`: the provider may or may not have the email; it is listed for an operator and never resent here. */
  outcome?: 'sent' | 'unknown';
}

/** Email activities: team memo and customer templates, both through the idempotent Mailer port. */
export function createEmailActivities({ mailer, billing, teamEmailPolicy, selfServiceLinks }: Pick<ActivityDeps, 'mailer' | 'billing' | 'teamEmailPolicy' | 'selfServiceLinks'>) {
  return {
    async sendTeamEmail(input: TeamEmailInput): Promise<EmailResult> {
      // Checked here too (not only when the automation is saved): the account's users or domain may change.
      const check = checkTeamRecipients(input.to, await teamEmailPolicy());
      if (!check.ok) throw runFailure(RunFailureType.TeamRecipientNotAllowed, check.message, { refused: check.refused });
      const { messageId, outcome } = await mapErrors('Sending team email', () =>
        mailer.send({
          idempotencyKey: input.idempotencyKey,
          template: 'team_memo',
          to: input.to,
          subject: input.subject,
          context: { ...input.context, memo: input.memo },
          tags: input.tags,
        }),
      );
      return { messageId, to: input.to, outcome };
    },

    async sendCustomerEmail(input: CustomerEmailInput): Promise<EmailResult> {
      // Read fresh: the address may have changed since the triggering event's snapshot.
      const customer = await mapErrors('Reading customer', () => billing.getCustomer(input.customerId));
      const card = input.template === 'card_expiring' ? input.context.payment_method : undefined;
      if (card) {
        // Checked at send time: the card may have been replaced or updated since the reminder was due.
        const paymentMethod = await mapErrors('Reading payment method', () => billing.getPaymentMethod(card.id));
        const moot = expiryReminderMoot(card, { paymentMethod, customerId: customer.id, defaultPaymentMethodId: customer.defaultPaymentMethodId });
        if (moot) return { messageId: '', to: [], skipped: moot };
      }
      if (!customer.email) {
        throw runFailure(RunFailureType.CustomerHasNoEmail, `Customer ${input.customerId} has no email address`);
      }
      const to = [customer.email];
      // Written for the customer at send time: their language, time zone, the products' current names and the link.
      const where = emailLocaleOf(customer);
      const context = localizeContext(await withProductNames(billing, await withSelfServiceLink(input, selfServiceLinks)), where);
      const { messageId, outcome } = await mapErrors('Sending customer email', () =>
        mailer.send({ idempotencyKey: input.idempotencyKey, template: input.template, to, context, language: where.language, tags: input.tags }),
      );
      return { messageId, to, outcome };
    },
  };
}

/** The subscription's product names as the provider has them now; what the event carried when it cannot say. */
async function withProductNames(billing: BillingProvider, ctx: TemplateContext): Promise<TemplateContext> {
  if (!ctx.subscription) return ctx;
  const sub = await billing.getSubscription(ctx.subscription.id).catch(() => undefined);
  const named = sub?.items.filter((i) => i.productName);
  if (!named?.length) return ctx;
  return { ...ctx, subscription: { ...ctx.subscription, products: [...new Set(sub!.items.map((i) => i.productName ?? i.productId))], product_ids: [...new Set(sub!.items.map((i) => i.productId))] } };
}

/**
 * The context with the self-service link minted here, in the activity (a portal session is a provider call), keyed
 * by the email's idempotency key (run + step): a retried activity gets the same link. No minter: the context as built.
 */
async function withSelfServiceLink(input: CustomerEmailInput, links: ActivityDeps['selfServiceLinks']): Promise<TemplateContext> {
  if (!links) return input.context;
  const url = await mapErrors('Minting the self-service link', () =>
    links.mint({ key: input.idempotencyKey, customerId: input.customerId, invoiceId: input.context.invoice?.id, at: input.at }));
  return url ? { ...input.context, update_payment_method_url: url } : input.context;
}
