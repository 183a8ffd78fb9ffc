import { DataSource } from 'typeorm';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger, type NewPaymentMethod } from '../../providers/billing/sandbox/sandbox-ledger';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { SandboxChargeEntity, SandboxSubscriptionEntity } from '../../services/common/database/entities';
import { eventsAbout } from '../support/sandbox-events';
import { BillingErrorType } from '../../providers/billing/billing-errors';

describe('SandboxBillingProvider', () => {
  let dataSource: DataSource;
  let ledger: SandboxLedger;
  let invoices: SandboxInvoices;
  let billing: SandboxBillingProvider;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
    ledger = new SandboxLedger(dataSource);
    invoices = new SandboxInvoices(dataSource);
    billing = new SandboxBillingProvider(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  async function subscriber(card?: NewPaymentMethod) {
    const customer = await ledger.createCustomer({ email: 'ada@customer.test', metadata: { plan: 'pro' } });
    const pm = card ? await ledger.attachPaymentMethod(customer.id, card) : undefined;
    const product = await ledger.createProduct('Pro');
    const price = await ledger.createPrice({ productId: product.id, unitAmount: 4900, currency: 'EUR', interval: 'year' });
    const sub = await ledger.createSubscription({ customerId: customer.id, priceId: price.id });
    const invoice = await invoices.create({ customerId: customer.id, subscriptionId: sub.id });
    return { customer, pm, price, sub, invoice };
  }

  it('charges once per idempotency key, even when the same key arrives concurrently', async () => {
    const { invoice } = await subscriber({ brand: 'visa' });
    const [a, b] = await Promise.all([billing.payInvoice(invoice.id, { idempotencyKey: 'pay-once' }), billing.payInvoice(invoice.id, { idempotencyKey: 'pay-once' })]);
    const c = await billing.payInvoice(invoice.id, { idempotencyKey: 'pay-once' });
    expect(a).toMatchObject({ status: 'succeeded', invoiceStatus: 'paid', cardBrand: 'visa' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await dataSource.manager.countBy(SandboxChargeEntity, { invoiceId: invoice.id })).toBe(1);
    expect(await billing.getInvoice(invoice.id)).toMatchObject({ status: 'paid', attemptCount: 1, amountRemaining: 0, currency: 'eur' });
    const events = await eventsAbout(dataSource, invoice.id);
    expect(events.map((e) => e.type)).toEqual(['invoice_finalized', 'invoice_paid']);
    expect(events.every((e) => e.outboxRows === 1)).toBe(true);
  });

  it('plays scripted outcomes, moves the subscription past_due and back, and emits attempt facts the normalizer accepts', async () => {
    const { invoice, sub, pm } = await subscriber({
      brand: 'visa', fingerprint: 'fp-scripted',
      nextOutcomes: [{ outcome: 'decline', declineCode: 'insufficient_funds' }, { outcome: 'decline', declineCode: 'stolen_card' }],
    });
    const first = await billing.payInvoice(invoice.id, { idempotencyKey: 'k1' });
    expect(first).toMatchObject({ status: 'failed', declineCode: 'insufficient_funds', invoiceStatus: 'open', paymentMethodId: pm!.id, cardFingerprint: 'fp-scripted' });
    expect((await billing.getSubscription(sub.id)).status).toBe('past_due');
    expect(await billing.payInvoice(invoice.id, { idempotencyKey: 'k1' })).toEqual(first); // replay: the first answer
    expect(await billing.payInvoice(invoice.id, { idempotencyKey: 'k2' })).toMatchObject({ status: 'failed', declineCode: 'stolen_card' });
    expect(await billing.payInvoice(invoice.id, { idempotencyKey: 'k3' })).toMatchObject({ status: 'succeeded', invoiceStatus: 'paid' });
    expect(await billing.getSubscription(sub.id)).toMatchObject({ status: 'active', interval: 'year', items: [{ priceId: sub.priceId }] });

    const events = await eventsAbout(dataSource, invoice.id);
    expect(events.map((e) => e.type)).toEqual(['invoice_finalized', 'invoice_payment_failed', 'invoice_payment_failed', 'invoice_paid']);
    for (const e of events) expect(e.normalized.status).toBe('normalized');
    const failed = events[1].normalized;
    expect(failed.status === 'normalized' && failed.event).toMatchObject({
      provider: 'generic', kind: 'invoice_payment_failed',
      attempt: { number: 1, declineCode: 'insufficient_funds', cardBrand: 'visa', cardFingerprint: 'fp-scripted' },
      invoice: { id: invoice.id, subscriptionId: sub.id, amountDue: 4900, attemptCount: 1, lines: [{ interval: 'year' }] },
      customer: { email: 'ada@customer.test', metadata: { plan: 'pro' } },
    });
  });

  it('fails an attempt when the customer has no card, and refuses to pay a paid or unknown invoice', async () => {
    const { invoice } = await subscriber();
    expect(await billing.payInvoice(invoice.id, { idempotencyKey: 'no-card' })).toMatchObject({ status: 'failed', invoiceStatus: 'open' });
    await invoices.payOutOfBand(invoice.id);
    await expect(billing.payInvoice(invoice.id, { idempotencyKey: 'after-paid' })).rejects.toMatchObject({ type: BillingErrorType.InvoiceNotPayable, retryable: false });
    await expect(billing.payInvoice('in_missing', { idempotencyKey: 'x' })).rejects.toBeInstanceOf(BillingProviderError);
    await expect(billing.getInvoice('in_missing')).rejects.toMatchObject({ type: BillingErrorType.NotFound, retryable: false });
  });

  it('makes a past_due subscription active again when its invoice is paid out of band, as a paid charge does', async () => {
    const { invoice, sub } = await subscriber({ brand: 'visa', outcome: 'decline', declineCode: 'insufficient_funds' });
    await billing.payInvoice(invoice.id, { idempotencyKey: 'oob-decline' });
    expect((await billing.getSubscription(sub.id)).status).toBe('past_due');
    await invoices.payOutOfBand(invoice.id);
    expect((await billing.getSubscription(sub.id)).status).toBe('active');
    expect(await billing.getInvoice(invoice.id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
  });

  it('cancels, marks unpaid and marks uncollectible idempotently, one event per real change', async () => {
    const { invoice, sub } = await subscriber({ brand: 'mastercard' });
    await billing.markSubscriptionUnpaid(sub.id, { idempotencyKey: 'u' });
    expect((await billing.markSubscriptionUnpaid(sub.id, { idempotencyKey: 'u' })).status).toBe('unpaid');
    const canceled = await billing.cancelSubscription(sub.id, { idempotencyKey: 'c' });
    expect(await billing.cancelSubscription(sub.id, { idempotencyKey: 'c' })).toEqual(canceled);
    expect(canceled).toMatchObject({ status: 'canceled', cancellationReason: 'payment_failed' });
    await expect(billing.markSubscriptionUnpaid(sub.id, { idempotencyKey: 'u2' })).rejects.toMatchObject({ type: BillingErrorType.SubscriptionEnded });
    await billing.markInvoiceUncollectible(invoice.id, { idempotencyKey: 'm' });
    expect((await billing.markInvoiceUncollectible(invoice.id, { idempotencyKey: 'm' })).status).toBe('uncollectible');

    const subEvents = (await eventsAbout(dataSource, sub.id)).filter((e) => e.type.startsWith('subscription'));
    expect(subEvents.map((e) => e.type)).toEqual(['subscription_updated', 'subscription_canceled']);
    const invEvents = (await eventsAbout(dataSource, invoice.id)).filter((e) => e.type === 'invoice_marked_uncollectible');
    expect(invEvents).toHaveLength(1);
    expect(invEvents[0].normalized.status).toBe('normalized');
    expect((await dataSource.manager.findOneByOrFail(SandboxSubscriptionEntity, { id: sub.id })).canceledAt).toBeInstanceOf(Date);
  });

  it('emits customer_created and payment_method_updated when a card becomes the default', async () => {
    const customer = await ledger.createCustomer({ email: 'bo@customer.test' });
    const pm = await ledger.attachPaymentMethod(customer.id, { brand: 'Visa', last4: '1111' });
    const events = await eventsAbout(dataSource, customer.id);
    expect(events.map((e) => e.type)).toEqual(['customer_created', 'payment_method_updated']);
    for (const e of events) expect(e.normalized.status).toBe('normalized');
    expect(events[1].payload.payment_method).toMatchObject({ id: pm.id, card_brand: 'visa', last4: '1111' });
    expect((await billing.getCustomer(customer.id)).defaultPaymentMethodId).toBe(pm.id);
  });
});
