import { BillingAccessMonitor, monitoredProvider } from '../../providers/billing/billing-access';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { BillingProviderError, type BillingProvider } from '../../providers/billing/billing-provider';
import { bannerText } from '../../services/up/banner';
import { parseEnv } from '../../services/common/config/app.config';

const refused = () => new BillingProviderError('Stripe customers.list: Invalid API key provided', BillingErrorType.Auth, false);

/** A provider whose every call (and access check) answers what `answer` says now. */
function scriptedProvider() {
  const script = { answer: 'ok' as 'ok' | 'refused' | 'missing' | 'down' };
  const call = async () => {
    if (script.answer === 'refused') throw refused();
    if (script.answer === 'missing') throw new BillingProviderError('No such invoice', BillingErrorType.NotFound, false);
    if (script.answer === 'down') throw new BillingProviderError('no answer', BillingErrorType.Unavailable, true);
    return { id: 'x' } as never;
  };
  const provider = { name: 'stripe', checkAccess: call, getInvoice: call, getSubscription: call, getCustomer: call, getPaymentMethod: call,
    payInvoice: call, cancelSubscription: call, markSubscriptionUnpaid: call, markInvoiceUncollectible: call } as unknown as BillingProvider;
  return { script, provider };
}

describe('BillingAccessMonitor', () => {
  it('is refused after the start check fails with auth, and usable again once a re-check passes', async () => {
    const { script, provider } = scriptedProvider();
    const monitor = new BillingAccessMonitor(provider, { recheckMs: 10 });
    script.answer = 'refused';
    await expect(monitor.check()).resolves.toMatchObject({ status: 'refused', reason: expect.stringContaining('auth: Stripe customers.list') });
    expect(() => monitor.assertUsable()).toThrow(expect.objectContaining({ type: BillingErrorType.Unavailable, retryable: true, message: expect.stringContaining('refuses our credentials') }));
    script.answer = 'ok';
    await new Promise((r) => setTimeout(r, 50)); // the re-check timer fires (10 ms)
    expect(monitor.state.status).toBe('ok');
    expect(() => monitor.assertUsable()).not.toThrow();
    monitor.stop();
  });

  it('sees a refusal when it happens in any call (an activity), not only at start; unreachable says nothing about the key', async () => {
    const { script, provider } = scriptedProvider();
    const monitor = new BillingAccessMonitor(provider, { recheckMs: 60_000 });
    const billing = monitoredProvider(provider, monitor);
    await monitor.check();
    expect(monitor.state.status).toBe('ok');
    script.answer = 'down';
    await expect(billing.getInvoice('in_1')).rejects.toMatchObject({ type: BillingErrorType.Unavailable });
    expect(monitor.state.status).toBe('ok');
    script.answer = 'refused';
    await expect(billing.payInvoice('in_1', { idempotencyKey: 'k' })).rejects.toMatchObject({ type: BillingErrorType.Auth });
    expect(monitor.state).toMatchObject({ status: 'refused' });
    script.answer = 'missing'; // an authenticated answer: the key works again
    await expect(billing.getCustomer('cus_1')).rejects.toMatchObject({ type: BillingErrorType.NotFound });
    expect(monitor.state.status).toBe('ok');
    monitor.stop();
  });
});

describe('the banner shows what applies to the billing provider', () => {
  const facts = { elapsedMs: 1000, logFile: '.data/up.log', notes: [] };
  it('sandbox: the trigger CLI; stripe: the webhook route and stripe trigger, no sandbox; http: the contract and the event API', () => {
    expect(bannerText(parseEnv({}), facts)).toContain('npm run trigger -- annual-dunning');
    const stripe = bannerText(parseEnv({ BILLING_PROVIDER: 'stripe', STRIPE_API_KEY: 'sk_test_x' }), facts);
    expect(stripe).toContain('Billing      Stripe (test mode); events to http://localhost:3000/webhooks/stripe');
    expect(stripe).toContain('stripe trigger invoice.payment_failed');
    expect(stripe).not.toContain('npm run trigger --');
    const http = bannerText(parseEnv({ BILLING_PROVIDER: 'http', BILLING_HTTP_URL: 'http://billing.internal', BILLING_HTTP_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }), facts);
    expect(http).toContain('your billing system through http://billing.internal');
    expect(http).not.toContain('npm run trigger --');
  });
});
