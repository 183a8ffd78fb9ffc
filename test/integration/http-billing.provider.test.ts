import { randomUUID } from 'node:crypto';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { sendQueuedEvents } from '../../services/reference-billing/reference-events';
import { newSecret, startReferenceBilling, type ReferenceBilling } from '../support/reference-billing';

/*
 * The HTTP billing provider against the reference server over real PostgreSQL: every port method through
 * signed calls, idempotent actions recorded once in the server's ledger, refusals typed.
 */
describe('HttpBillingProvider against the reference billing server', () => {
  let ref: ReferenceBilling;
  beforeAll(async () => (ref = await startReferenceBilling(process.env.DATABASE_URL!)));
  afterAll(() => ref?.close());

  /** A customer with a card (scripted), a yearly subscription and its open renewal invoice. */
  async function world(script?: { decline_code?: string; declines?: number }) {
    const s = randomUUID().slice(0, 8);
    const ids = { customer: `cus_${s}`, pm: `pm_${s}`, sub: `sub_${s}`, invoice: `in_${s}` };
    await ref.put('payment-methods', { id: ids.pm, customer_id: ids.customer, card_brand: 'visa', last4: '4242', fingerprint: `fp_${s}` }, script ?? null);
    await ref.put('customers', { id: ids.customer, email: `${s}@customer.test`, name: 'Ada', metadata: { plan: 'pro' }, default_payment_method_id: ids.pm });
    const item = { price_id: 'price_pro_year', product_id: 'prod_pro', interval: 'year' };
    await ref.put('subscriptions', { id: ids.sub, customer_id: ids.customer, status: 'past_due', items: [item] });
    await ref.put('invoices', { id: ids.invoice, customer_id: ids.customer, subscription_id: ids.sub, status: 'open', amount_due: 120_000, currency: 'usd', attempt_count: 1, lines: [item] });
    return ids;
  }

  it('reads the four objects as domain snapshots; a missing payment method is undefined, a missing invoice not_found', async () => {
    const ids = await world();
    const billing = ref.provider();
    await expect(billing.getCustomer(ids.customer)).resolves.toMatchObject({ id: ids.customer, email: expect.stringContaining('@customer.test'), metadata: { plan: 'pro' }, defaultPaymentMethodId: ids.pm });
    await expect(billing.getInvoice(ids.invoice)).resolves.toMatchObject({ status: 'open', amountDue: 120_000, amountRemaining: 120_000, subscriptionId: ids.sub, lines: [{ priceId: 'price_pro_year', interval: 'year' }] });
    await expect(billing.getSubscription(ids.sub)).resolves.toMatchObject({ status: 'past_due', interval: 'year' });
    await expect(billing.getPaymentMethod(ids.pm)).resolves.toMatchObject({ cardBrand: 'visa', fingerprint: expect.stringMatching(/^fp_/) });
    await expect(billing.getPaymentMethod('pm_gone')).resolves.toBeUndefined();
    await expect(billing.getInvoice('in_gone')).rejects.toMatchObject({ type: BillingErrorType.NotFound, retryable: false });
  });

  it('charges once per idempotency key: declines are answers, a repeat replays the first answer, the ledger has one action', async () => {
    const ids = await world({ decline_code: 'insufficient_funds', declines: 1 });
    const billing = ref.provider();
    const first = await billing.payInvoice(ids.invoice, { idempotencyKey: `k1-${ids.invoice}` });
    expect(first).toMatchObject({ status: 'failed', declineCode: 'insufficient_funds', invoiceStatus: 'open', cardBrand: 'visa', paymentMethodId: ids.pm });
    await expect(billing.payInvoice(ids.invoice, { idempotencyKey: `k1-${ids.invoice}` })).resolves.toEqual(first);
    const second = await billing.payInvoice(ids.invoice, { idempotencyKey: `k2-${ids.invoice}` });
    expect(second).toMatchObject({ status: 'succeeded', invoiceStatus: 'paid' });
    const actions = (await ref.actions()).filter((a) => a.object_id === ids.invoice);
    expect(actions.map((a) => [a.operation, a.answer.status])).toEqual([['invoice.charge', 'failed'], ['invoice.charge', 'succeeded']]);
    await expect(billing.getInvoice(ids.invoice)).resolves.toMatchObject({ status: 'paid', amountRemaining: 0, attemptCount: 3 });
    await expect(billing.payInvoice(ids.invoice, { idempotencyKey: `k3-${ids.invoice}` })).rejects.toMatchObject({ type: BillingErrorType.InvoiceNotPayable, retryable: false });
  });

  it('lists the customer\'s cards newest first and charges a backup named by payment_method_id', async () => {
    const ids = await world({ decline_code: 'insufficient_funds' });
    const backup = `${ids.pm}_backup`;
    await ref.put('payment-methods', { id: backup, customer_id: ids.customer, card_brand: 'mastercard', fingerprint: `fp_${backup}`, exp_month: 12, exp_year: 2031, created_at: '2026-11-30T10:00:00Z' });
    const billing = ref.provider();
    const cards = await billing.listPaymentMethods(ids.customer);
    expect(cards.map((c) => c.id)).toEqual([backup, ids.pm]);
    expect(cards[0]).toMatchObject({ expMonth: 12, expYear: 2031, createdAt: Date.parse('2026-11-30T10:00:00Z'), customerId: ids.customer });
    await expect(billing.payInvoice(ids.invoice, { idempotencyKey: `d-${ids.invoice}` })).resolves.toMatchObject({ status: 'failed', paymentMethodId: ids.pm });
    await expect(billing.payInvoice(ids.invoice, { idempotencyKey: `b-${ids.invoice}`, paymentMethodId: backup })).resolves.toMatchObject({ status: 'succeeded', paymentMethodId: backup, cardBrand: 'mastercard' });
    await expect(billing.payInvoice(ids.invoice, { idempotencyKey: `x-${ids.invoice}`, paymentMethodId: 'pm_other' })).rejects.toMatchObject({ retryable: false });
  });

  it('cancels, marks unpaid and uncollectible idempotently; refusals carry their codes; changes are queued as generic events', async () => {
    const ids = await world();
    const billing = ref.provider();
    await expect(billing.markSubscriptionUnpaid(ids.sub, { idempotencyKey: `u-${ids.sub}` })).resolves.toMatchObject({ status: 'unpaid' });
    await expect(billing.cancelSubscription(ids.sub, { idempotencyKey: `c-${ids.sub}` })).resolves.toMatchObject({ status: 'canceled', cancellationReason: 'payment_failed' });
    await expect(billing.cancelSubscription(ids.sub, { idempotencyKey: `c-${ids.sub}` })).resolves.toMatchObject({ status: 'canceled' });
    await expect(billing.markSubscriptionUnpaid(ids.sub, { idempotencyKey: `u2-${ids.sub}` })).rejects.toMatchObject({ type: BillingErrorType.SubscriptionEnded, retryable: false });
    await expect(billing.markInvoiceUncollectible(ids.invoice, { idempotencyKey: `m-${ids.invoice}` })).resolves.toMatchObject({ status: 'uncollectible' });
    expect((await ref.actions()).filter((a) => [ids.sub, ids.invoice].includes(a.object_id)).map((a) => a.operation))
      .toEqual(['subscription.mark_unpaid', 'subscription.cancel', 'invoice.mark_uncollectible']);

    const posted: { type: string }[] = [];
    const engine = async (_url: unknown, init?: RequestInit) => (posted.push(JSON.parse(String(init!.body))), new Response('{}', { status: 202 }));
    await sendQueuedEvents(ref.ledger, { url: 'http://engine.test', apiKey: 'k' }, engine as typeof fetch);
    expect(posted.map((e) => e.type)).toEqual(expect.arrayContaining(['subscription_updated', 'subscription_canceled', 'invoice_marked_uncollectible']));
    await expect(sendQueuedEvents(ref.ledger, { url: 'http://engine.test', apiKey: 'k' }, engine as typeof fetch)).resolves.toBe(0);
  });

  it('refuses a call signed with another secret (401 → auth, not retried)', async () => {
    const ids = await world();
    const err = await ref.provider({ secret: newSecret() }).getInvoice(ids.invoice).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BillingProviderError);
    expect(err).toMatchObject({ type: BillingErrorType.Auth, retryable: false });
  });
});
