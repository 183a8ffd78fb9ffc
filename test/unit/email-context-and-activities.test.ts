import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, RunFailureType, type ActivityDeps } from '../../activities';
import { HttpWebhookEmitter } from '../../services/worker/adapters/http-webhook-emitter';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { EmailProviderError } from '../../providers/email/email-provider';
import { buildTemplateContext, checkTemplateVariables, fillVariables } from '../../domain/email-templates';
import { formatMoney } from '../../domain/format';
import { checkTeamRecipients } from '../../domain/team-recipients';
import { customer, invoice, sendInvoice, subscription } from '../../testkit/automation-fixtures';
import { InMemoryCardLedger, inMemoryDeps, recordingMailer, teamPolicy } from '../support/in-memory-ports';
import { FakeBilling } from '../../testkit/fake-billing';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { EmailErrorType } from '../../providers/email/email-errors';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 2, 3, 12);
const automation = { automationId: 'a1', name: 'Large overdue', version: 3 };

describe('template context', () => {
  it('formats amounts with their currency and counts days overdue in the run day length', () => {
    expect([formatMoney({ amount: 123_450, currency: 'usd' }), formatMoney({ amount: 5000, currency: 'jpy' }), formatMoney({ amount: 1234, currency: 'kwd' })])
      .toEqual(['$1,234.50', '¥5,000', 'KWD\u00a01.234']); // Intl puts a no-break space after a code
    const ctx = buildTemplateContext({ automation, customer, customerId: 'cus_1', invoice: sendInvoice(t0 - 7 * DAY - 5, 75_000), now: t0, dayMs: DAY });
    expect(ctx).toMatchObject({ days_overdue: 7, today: 'March 3, 2026', invoice: { number: 'ACME-0002', amount_due: '$750.00', currency: 'USD', due_date: 'February 24, 2026' } });
    expect(fillVariables('Invoice {{ invoice.number }} ({{invoice.amount_due}}) overdue by {{days_overdue}} days{{nope}}', ctx)).toBe('Invoice ACME-0002 ($750.00) overdue by 7 days');
    const upcoming = buildTemplateContext({ automation, customerId: 'cus_1', invoice: sendInvoice(t0 + 3 * DAY, 1), now: t0, dayMs: DAY });
    expect(upcoming.days_until_due).toBe(3);
  });

  it('gives the cancellation template subscription details, date and survey link', () => {
    const sub = subscription('year', { status: 'canceled', canceledAt: t0, cancellationReason: 'too_expensive' });
    expect(buildTemplateContext({ automation, customerId: 'cus_1', subscription: sub, now: t0, dayMs: DAY, surveyUrl: 'https://s.test' })).toMatchObject({
      subscription: { id: 'sub_1', products: ['prod_pro'], interval: 'year', cancellation_reason: 'too_expensive' },
      cancellation_date: 'March 3, 2026',
      survey_url: 'https://s.test',
    });
    expect(checkTemplateVariables('{{subscription.id}} {{invoice.number}}', 'subscription_canceled')).toEqual([expect.stringContaining('unknown variable {{invoice.number}}')]);
  });

  it('links the payment-method update to an explicit page, else to the hosted invoice page', () => {
    const hosted = invoice({ hostedInvoiceUrl: 'https://invoice.stripe.test/i/in_1' });
    const facts = { automation, customerId: 'cus_1', now: t0, dayMs: DAY };
    expect(buildTemplateContext({ ...facts, invoice: hosted }).update_payment_method_url).toBe('https://invoice.stripe.test/i/in_1');
    expect(buildTemplateContext({ ...facts, invoice: hosted, updatePaymentMethodUrl: 'https://acme.test/card' }).update_payment_method_url).toBe('https://acme.test/card');
    expect(buildTemplateContext({ ...facts, updatePaymentMethodUrl: 'https://acme.test/card' }).update_payment_method_url).toBe('https://acme.test/card');
    expect(buildTemplateContext({ ...facts, invoice: invoice() })).not.toHaveProperty('update_payment_method_url');
    expect(fillVariables('Update: {{update_payment_method_url}}', buildTemplateContext({ ...facts, invoice: hosted }))).toBe('Update: https://invoice.stripe.test/i/in_1');
    expect(checkTemplateVariables('{{update_payment_method_url}}', 'subscription_payment_failed')).toEqual([]);
  });
});

describe('team recipient policy', () => {
  it('allows account users and the company domain only', () => {
    expect(checkTeamRecipients(['Finance@ACME.test', 'owner@gmail.test'], teamPolicy)).toEqual({ ok: true });
    expect(checkTeamRecipients(['x@acme.test.evil.test'], teamPolicy)).toMatchObject({ ok: false, refused: ['x@acme.test.evil.test'] });
  });
});

describe('activities', () => {
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const input = { invoiceId: 'in_1', idempotencyKey: 'run:a:invoice:in_1:0:1', at: t0, dayMs: DAY };

  it('charges with the idempotency key and returns a decline as data', async () => {
    const billing = new FakeBilling({ unknownIds: 'invent' });
    const acts = createActivities(inMemoryDeps({ billing }));
    await expect(env.run(acts.chargeInvoice, input)).resolves.toEqual({ status: 'failed', declineCode: 'insufficient_funds', cardBrand: 'visa', invoiceStatus: 'open' });
    expect(billing.charges).toEqual([{ invoiceId: 'in_1', idempotencyKey: 'run:a:invoice:in_1:0:1' }]);
  });

  it('defers a charge over the Visa cap without calling the provider, and skips closed invoices', async () => {
    const ledger = new InMemoryCardLedger();
    for (let i = 0; i < 20; i++) await ledger.reserve({ fingerprint: 'fp_1', cardBrand: 'visa', at: t0 - i * 3_600_000, dayMs: DAY, idempotencyKey: `k${i}` });
    const billing = new FakeBilling({ unknownIds: 'invent' });
    const acts = createActivities(inMemoryDeps({ billing, cardLedger: ledger }));
    await expect(env.run(acts.chargeInvoice, input)).resolves.toEqual({ status: 'deferred', retryAt: t0 - 19 * 3_600_000 + 30 * DAY, rule: 'visa-20-per-30d', cardBrand: 'visa' });
    expect(billing.charges).toEqual([]);
    const paid = createActivities(inMemoryDeps({ billing: { ...new FakeBilling({ unknownIds: 'invent' }), getInvoice: async () => invoice({ status: 'paid' }) } }));
    await expect(env.run(paid.chargeInvoice, input)).resolves.toEqual({ status: 'closed', invoiceStatus: 'paid' });
  });

  it('books the outcome on the card and never charges a card blocked by a never-retry code again', async () => {
    const ledger = new InMemoryCardLedger();
    const billing = new FakeBilling({ unknownIds: 'invent', payInvoice: async () => ({ status: 'failed', declineCode: 'do_not_honor', networkAdviceCode: '03', cardBrand: 'mastercard', chargeId: 'ch_1', invoiceStatus: 'open', attemptedAt: t0 }) });
    const acts = createActivities(inMemoryDeps({ billing: { ...billing, getPaymentMethod: async (id) => ({ id, cardBrand: 'mastercard', fingerprint: 'fp_mc' }) }, cardLedger: ledger }));
    await expect(env.run(acts.chargeInvoice, input)).resolves.toMatchObject({ status: 'failed', networkAdviceCode: '03' });
    expect(ledger.attempts.get('fp_mc')).toMatchObject([{ succeeded: false, chargeId: 'ch_1', block: { rule: 'mastercard-mac-03' } }]);
    await expect(env.run(acts.chargeInvoice, { ...input, idempotencyKey: 'run:b:invoice:in_1:0:1' })).resolves.toEqual({
      status: 'failed', declineCode: 'do_not_honor', blockedBy: 'mastercard-mac-03', cardBrand: 'mastercard', invoiceStatus: 'open',
    });
    expect(billing.charges).toHaveLength(1);
  });

  it('maps provider errors: retryable → plain error, hopeless → non-retryable with a type', async () => {
    const failing = (err: Error) => createActivities(inMemoryDeps({ billing: { ...new FakeBilling({ unknownIds: 'invent' }), cancelSubscription: async () => { throw err; } } }));
    const args = { subscriptionId: 'sub_1', idempotencyKey: 'k', at: t0 };
    const transient = await env.run(failing(new BillingProviderError('slow down', BillingErrorType.RateLimited, true)).cancelSubscription, args).catch((e: unknown) => e);
    expect(transient).not.toBeInstanceOf(ApplicationFailure);
    expect((transient as Error).message).toBe('Canceling subscription: slow down (rate_limited)');
    const hopeless = await env.run(failing(new BillingProviderError('No such subscription', BillingErrorType.NotFound, false)).cancelSubscription, args).catch((e: unknown) => e);
    expect(hopeless).toMatchObject({ nonRetryable: true, type: RunFailureType.BillingRejected, message: 'Canceling subscription: No such subscription' });
    const mailer = { send: async () => { throw new EmailProviderError('bad address', EmailErrorType.InvalidEmail, false, 400); } };
    const email = createActivities(inMemoryDeps({ mailer }));
    const ctx = buildTemplateContext({ automation, customerId: 'cus_1', now: t0, dayMs: DAY });
    const failure = await env.run(email.sendCustomerEmail, { idempotencyKey: 'k', at: t0, template: 'payment_failed' as const, customerId: 'cus_1', context: ctx, tags: {} }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ nonRetryable: true, type: RunFailureType.EmailRejected });
  });

  it('fails a refused webhook as WebhookRejected, whatever type the emitter gave it, and retries other faults', async () => {
    const args = { idempotencyKey: 'k', at: t0, url: 'https://hooks.acme.test/x', eventType: 'automation.step', payload: {} };
    const emitWith = (webhooks: ActivityDeps['webhooks']) => createActivities(inMemoryDeps({ webhooks })).emitWebhook;
    const http = emitWith(new HttpWebhookEmitter({ secret: 's' }));
    await expect(env.run(http, { ...args, url: 'ftp://hooks.acme.test/x' })).rejects.toMatchObject({ nonRetryable: true, type: RunFailureType.WebhookRejected });
    const failing = (err: Error) => emitWith({ emit: async () => { throw err; } });
    const other = await env.run(failing(ApplicationFailure.nonRetryable('Webhook answered 403', 'Forbidden', { status: 403 })), args).catch((e: unknown) => e);
    expect(other).toMatchObject({ nonRetryable: true, type: RunFailureType.WebhookRejected, message: 'Webhook answered 403', details: [{ status: 403 }] });
    const transient = await env.run(failing(new Error('socket hang up')), args).catch((e: unknown) => e);
    expect(transient).not.toBeInstanceOf(ApplicationFailure);
    const retryable = await env.run(failing(ApplicationFailure.retryable('busy', 'Busy')), args).catch((e: unknown) => e);
    expect(retryable).toMatchObject({ nonRetryable: false, type: 'Busy' });
    await expect(env.run(emitWith({ emit: async () => ({ status: 202 }) }), args)).resolves.toEqual({ status: 202 });
  });

  it('sends team email through the mailer with the memo, and refuses outsiders', async () => {
    const mailer = recordingMailer();
    const acts = createActivities(inMemoryDeps({ mailer }));
    const ctx = buildTemplateContext({ automation, customerId: 'cus_1', now: t0, dayMs: DAY });
    const base = { idempotencyKey: 'run:a:invoice:in_2:0', at: t0, memo: 'hello', context: ctx, tags: { step: '0' } };
    await expect(env.run(acts.sendTeamEmail, { ...base, to: ['finance@acme.test'] })).resolves.toEqual({ messageId: 'msg:run:a:invoice:in_2:0', to: ['finance@acme.test'], outcome: 'sent' });
    expect(mailer.sent).toEqual([expect.objectContaining({ template: 'team_memo', to: ['finance@acme.test'], context: expect.objectContaining({ memo: 'hello' }) })]);
    await expect(env.run(acts.sendTeamEmail, { ...base, to: ['leak@evil.test'] })).rejects.toMatchObject({ nonRetryable: true, type: RunFailureType.TeamRecipientNotAllowed });
    expect(mailer.sent).toHaveLength(1);
  });
});
