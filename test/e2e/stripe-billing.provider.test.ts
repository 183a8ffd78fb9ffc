import Stripe from 'stripe';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { STRIPE_API_VERSION, StripeBillingProvider } from '../../providers/billing/stripe/stripe-billing.provider';
import { startStripeMock, type StripeMock } from '../support/stripe-mock';
import { createSelfServiceLinks } from '../../providers/self-service/self-service-links';
import { BillingErrorType } from '../../providers/billing/billing-errors';

// Contract tests: every call the adapter makes goes to stripe-mock, which checks paths, methods and
// parameters against Stripe's OpenAPI spec and answers with spec-shaped objects (its fixtures).
jest.setTimeout(30_000);

let mock: StripeMock;
let provider: StripeBillingProvider;
const requests: Stripe.RequestEvent[] = [];
const key = (n: number) => ({ idempotencyKey: `run:auto_1:invoice:in_1:${n}:1` });

beforeAll(async () => {
  mock = await startStripeMock();
  // The production path: the adapter builds its own client from settings.
  provider = new StripeBillingProvider({ apiKey: 'sk_test_123', host: '127.0.0.1', port: mock.port, protocol: 'http', maxNetworkRetries: 0 });
}, 330_000); // a cold `go install` of stripe-mock is part of the first run

afterAll(() => mock?.stop());

describe('reads', () => {
  it('retrieves an invoice with its subscription expanded', async () => {
    const invoice = await provider.getInvoice('in_contract');
    expect(invoice).toMatchObject({ id: 'in_contract', customerId: expect.stringMatching(/^cus_/), currency: 'usd' });
    expect(['draft', 'open', 'paid', 'void', 'uncollectible']).toContain(invoice.status);
    // An id (not an object) proves the expansion was accepted and mapped back to the id.
    expect(invoice.subscriptionId).toMatch(/^sub_/);
  });

  it('retrieves a subscription with its interval and period end', async () => {
    const sub = await provider.getSubscription('sub_contract');
    expect(sub).toMatchObject({ id: 'sub_contract', customerId: expect.stringMatching(/^cus_/), interval: 'month' });
    expect(sub.items[0].priceId).toMatch(/^price_/);
    expect(sub.currentPeriodEnd).toEqual(expect.any(Number));
  });

  it('retrieves a customer', async () => {
    await expect(provider.getCustomer('cus_contract')).resolves.toMatchObject({ id: 'cus_contract', metadata: {} });
  });

  it('retrieves a card payment method with its fingerprint', async () => {
    await expect(provider.getPaymentMethod('pm_contract')).resolves.toMatchObject({
      id: 'pm_contract', cardBrand: 'visa', last4: '4242', fingerprint: expect.any(String),
    });
  });

  it('lists the customer\'s cards with their expiry and attach time (the backups after a decline)', async () => {
    const cards = await provider.listPaymentMethods('cus_contract');
    expect(cards.length).toBeGreaterThan(0);
    expect(cards[0]).toMatchObject({ id: expect.stringMatching(/^pm_/), cardBrand: 'visa', expMonth: expect.any(Number), expYear: expect.any(Number), createdAt: expect.any(Number) });
  });
});

describe('actions', () => {
  it('pays an invoice, reporting the card charged', async () => {
    const attempt = await provider.payInvoice('in_contract', key(1));
    expect(attempt).toMatchObject({ status: 'succeeded', cardFingerprint: expect.any(String), attemptedAt: expect.any(Number) });
  });

  it('pays an invoice with a backup payment method named (payment_method, accepted by the spec)', async () => {
    const attempt = await provider.payInvoice('in_contract', { ...key(9), paymentMethodId: 'pm_backup' });
    expect(attempt).toMatchObject({ status: 'succeeded' });
  });

  it('cancels a subscription', async () => {
    await expect(provider.cancelSubscription('sub_contract', key(2))).resolves.toMatchObject({ id: 'sub_contract' });
  });

  it('marks a subscription unpaid (paused collection + marker, accepted by the spec)', async () => {
    await expect(provider.markSubscriptionUnpaid('sub_contract', key(3))).resolves.toMatchObject({ id: 'sub_contract' });
  });

  it('marks an invoice uncollectible', async () => {
    await expect(provider.markInvoiceUncollectible('in_contract', key(4))).resolves.toMatchObject({ id: 'in_contract' });
  });
});

describe('wire contract', () => {
  it('sends each mutation with its idempotency key and the pinned API version', async () => {
    const client = new Stripe('sk_test_123', { apiVersion: STRIPE_API_VERSION, host: '127.0.0.1', port: mock.port, protocol: 'http' });
    client.on('request', (event: Stripe.RequestEvent) => requests.push(event));
    const observed = new StripeBillingProvider({ client });
    await observed.payInvoice('in_1', key(11));
    await observed.cancelSubscription('sub_1', key(12));
    await observed.markSubscriptionUnpaid('sub_1', key(13));
    await observed.markInvoiceUncollectible('in_1', key(14));
    expect(requests.map((r) => [r.method, r.path, r.idempotency_key, r.api_version])).toEqual([
      ['POST', '/v1/invoices/in_1/pay', key(11).idempotencyKey, STRIPE_API_VERSION],
      ['DELETE', '/v1/subscriptions/sub_1', key(12).idempotencyKey, STRIPE_API_VERSION],
      ['POST', '/v1/subscriptions/sub_1', key(13).idempotencyKey, STRIPE_API_VERSION],
      ['POST', '/v1/invoices/in_1/mark_uncollectible', key(14).idempotencyKey, STRIPE_API_VERSION],
    ]);
  });

  it('maps a rejected API key to a non-retryable auth error', async () => {
    const badKey = new StripeBillingProvider({ apiKey: 'not_a_key', host: '127.0.0.1', port: mock.port, protocol: 'http', maxNetworkRetries: 0 });
    const err = await badKey.getInvoice('in_1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BillingProviderError);
    expect(err).toMatchObject({ type: BillingErrorType.Auth, retryable: false });
    expect((err as Error).message).not.toContain('not_a_key');
    expect((err as Error).message).toContain("Authorization was 'Bearer [redacted]'");
  });

  it('maps an unreachable API to a retryable error', async () => {
    const closed = new StripeBillingProvider({ apiKey: 'sk_test_123', host: '127.0.0.1', port: 1, protocol: 'http', maxNetworkRetries: 0 });
    await expect(closed.payInvoice('in_1', key(20))).rejects.toMatchObject({ type: BillingErrorType.Unavailable, retryable: true });
  });
});

describe('self-service link (Billing Portal session)', () => {
  it('mints a portal session on the payment-method-update flow with the activity key; stripe-mock accepts the call', async () => {
    const seen: Stripe.RequestEvent[] = [];
    const client = new Stripe('sk_test_123', { host: '127.0.0.1', port: mock.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    client.on('request', (e: Stripe.RequestEvent) => seen.push(e));
    const links = createSelfServiceLinks({ billingProvider: 'stripe', ttlMs: 86_400_000, returnUrl: 'https://acme.test/account', stripeClient: client })!;
    const url = await links.mint({ key: 'run:a:invoice:in_1:2', customerId: 'cus_portal', invoiceId: 'in_1', at: Date.UTC(2026, 0, 10) });
    expect(url).toMatch(/^https:\/\//);
    expect(seen).toEqual([expect.objectContaining({ method: 'POST', path: '/v1/billing_portal/sessions', idempotency_key: 'portal:run:a:invoice:in_1:2' })]);
    // The production path builds its own client from the Stripe settings.
    const own = createSelfServiceLinks({ billingProvider: 'stripe', ttlMs: 86_400_000, stripe: { apiKey: 'sk_test_123', apiBase: `http://127.0.0.1:${mock.port}` } })!;
    await expect(own.mint({ key: 'k', customerId: 'cus_portal', at: 0 })).resolves.toMatch(/^https:\/\//);
  });
});
