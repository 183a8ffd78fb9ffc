import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { verifySelfServiceToken, type SelfServiceClaims } from '../../../providers/self-service/self-service-links';
import { appConfig } from '../../common/config/app.config';
import { SandboxCustomerEntity, SandboxInvoiceEntity, SandboxPaymentMethodEntity } from '../../common/database/entities';
import { ProblemException } from '../../common/http/problem-details.filter';
import { SandboxService } from '../sandbox/sandbox.service';
import type { PayPageView } from './pay-page.html';

/** A refusal of the page: its status, a title and what the customer can do. */
export class PayPageRefusal extends Error {
  constructor(readonly status: number, readonly title: string, detail: string) {
    super(detail);
  }
}

const REFUSALS = {
  malformed: [404, 'Link not found', 'This payment link is not valid. Use the link of your latest email, or contact us.'],
  bad_signature: [404, 'Link not found', 'This payment link is not valid. Use the link of your latest email, or contact us.'],
  expired: [410, 'Link expired', 'This payment link has expired. The next email about your invoice carries a new one, or contact us.'],
} as const;

// Stripe's test numbers that decline, so a demo can show a declined card on the page too.
const DECLINING: Record<string, string> = { '4000000000000002': 'generic_decline', '4000000000009995': 'insufficient_funds' };
const BRANDS: [RegExp, string][] = [[/^4/, 'visa'], [/^(5[1-5]|2[2-7])/, 'mastercard'], [/^3[47]/, 'amex'], [/^6/, 'discover']];

/** A card as typed into the page's form, checked; the number itself is never stored (last 4 digits and a fingerprint). */
export function parseCardForm(form: Record<string, unknown>, now: Date) {
  const number = String(form.number ?? '').replace(/[\s-]/g, '');
  const expMonth = Number(form.expMonth);
  const expYear = Number(form.expYear);
  if (!/^\d{12,19}$/.test(number)) throw new PayPageRefusal(422, 'Card refused', 'The card number must be 12 to 19 digits.');
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) throw new PayPageRefusal(422, 'Card refused', 'The expiry month must be 1 to 12.');
  if (!Number.isInteger(expYear) || expYear < 2000 || expYear > 2200) throw new PayPageRefusal(422, 'Card refused', 'The expiry year must have four digits.');
  if (expYear * 12 + expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) throw new PayPageRefusal(422, 'Card refused', 'This card has expired.');
  const brand = BRANDS.find(([pattern]) => pattern.test(number))?.[1] ?? 'unknown';
  const declineCode = DECLINING[number];
  return {
    brand, last4: number.slice(-4), expMonth, expYear,
    fingerprint: createHash('sha256').update(number).digest('hex').slice(0, 16),
    ...(declineCode ? { outcome: 'decline' as const, declineCode } : { outcome: 'succeed' as const }),
  };
}

/** The sandbox's self-service page: the link's token is the credential; every change goes through the ledger. */
@Injectable()
export class PayPageService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sandbox: SandboxService,
  ) {}

  /** The claims of a token the page accepts, or the refusal to show. */
  claims(token: string): SelfServiceClaims {
    const { secret } = this.config.selfService;
    if (this.config.billingProvider !== 'sandbox' || !secret) throw new PayPageRefusal(404, 'Page not found', 'Payment links are served by the billing system here.');
    const verdict = verifySelfServiceToken(token, secret, Date.now());
    if (!verdict.ok) {
      const [status, title, detail] = REFUSALS[verdict.reason];
      throw new PayPageRefusal(status, title, detail);
    }
    return verdict.claims;
  }

  async view(token: string, notice?: PayPageView['notice']): Promise<PayPageView> {
    const claims = this.claims(token);
    const m = this.dataSource.manager;
    const customer = await m.findOneBy(SandboxCustomerEntity, { id: claims.customerId });
    if (!customer) throw new PayPageRefusal(404, 'Link not found', 'The account of this link no longer exists.');
    const invoice = claims.invoiceId ? await m.findOneBy(SandboxInvoiceEntity, { id: claims.invoiceId, customerId: customer.id }) : null;
    const cards = await m.find(SandboxPaymentMethodEntity, { where: { customerId: customer.id }, order: { createdAt: 'DESC' } });
    return {
      token, notice,
      customer: { name: customer.name, email: customer.email },
      ...(invoice && { invoice: { number: invoice.number, amountDue: invoice.amountDue - invoice.amountPaid, currency: invoice.currency, dueDate: invoice.dueDate, status: invoice.status, attemptCount: invoice.attemptCount } }),
      cards: cards.map((c) => ({ brand: c.brand, last4: c.last4, expMonth: c.expMonth, expYear: c.expYear, isDefault: c.id === customer.defaultPaymentMethodId })),
    };
  }

  /**
   * Charges the default card, as a retry does (its events flow into ingestion). The key is the invoice and the attempt
   * count the customer saw, so a form sent twice makes one charge.
   */
  async pay(token: string, seenAttempt: unknown): Promise<PayPageView['notice']> {
    const { invoiceId } = this.claims(token);
    if (!invoiceId) throw new PayPageRefusal(422, 'Nothing to pay', 'This link is about your cards, not an invoice.');
    const attempt = await this.ledger(() => this.sandbox.attemptInvoice(invoiceId, `pay-page:${invoiceId}:${Number(seenAttempt) || 0}`));
    return attempt.status === 'succeeded'
      ? { kind: 'ok', text: 'Thank you: the invoice is paid.' }
      : { kind: 'error', text: `Your card was declined (${attempt.declineCode ?? 'declined'}). Add another card and try again.` };
  }

  /** Attaches the card as the default (emits payment_method_updated: the runs of the customer retry on it). */
  async addCard(token: string, form: Record<string, unknown>): Promise<PayPageView['notice']> {
    const { customerId } = this.claims(token);
    const card = parseCardForm(form, new Date());
    await this.ledger(() => this.sandbox.attachPaymentMethod(customerId, { ...card, makeDefault: true }));
    return { kind: 'ok', text: `Saved: ${card.brand} ending in ${card.last4} is your default card.` };
  }

  /** Ledger refusals (a paid invoice, an unknown customer) as page refusals with the ledger's reason. */
  private async ledger<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ProblemException) throw new PayPageRefusal(error.details.status, 'Not possible', error.details.detail ?? error.details.title);
      throw error;
    }
  }
}
