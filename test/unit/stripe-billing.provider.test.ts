import { StripeBillingProvider, type StripeClient } from '../../providers/billing/stripe/stripe-billing.provider';
import { stripeApiError } from '../support/stripe-error-fixtures';
import { stripeFixture } from '../../testkit/stripe-fixtures';
import { BillingErrorType } from '../../providers/billing/billing-errors';

// The adapter's recovery paths need answers stripe-mock cannot give (declines, state refusals): a test double.
function fakeStripe() {
  const fake = {
    invoices: { retrieve: jest.fn(), pay: jest.fn(), markUncollectible: jest.fn() },
    subscriptions: { retrieve: jest.fn(), cancel: jest.fn(), update: jest.fn() },
    customers: { retrieve: jest.fn() },
    paymentMethods: { retrieve: jest.fn() },
  };
  const provider = new StripeBillingProvider({ client: fake as unknown as StripeClient, now: () => 1_700_000_000_000 });
  return { fake, provider };
}
const invoice = (status: string) => ({ ...stripeFixture('current', 'invoice'), id: 'in_1', status });
const subscription = (patch: object) => ({ ...stripeFixture('current', 'subscription'), id: 'sub_1', ...patch });
const stateRefusal = (message: string) => stripeApiError(400, { error: { type: 'invalid_request_error', message } });
const key = { idempotencyKey: 'run:a1:invoice:in_1:2:3' };

describe('StripeBillingProvider.payInvoice', () => {
  it('pays with the idempotency key and reports the charged card', async () => {
    const { fake, provider } = fakeStripe();
    const pm = stripeFixture('current', 'payment_method');
    fake.invoices.pay.mockResolvedValue({ ...invoice('paid'), payments: { data: [{ is_default: true, payment: { payment_intent: { id: 'pi_1', payment_method: pm } } }] } });
    await expect(provider.payInvoice('in_1', key)).resolves.toEqual({
      status: 'succeeded', invoiceStatus: 'paid', paymentMethodId: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', cardBrand: 'visa',
      cardFingerprint: 'AOB934RVNwzk6xtn', attemptedAt: 1_700_000_000_000,
    });
    expect(fake.invoices.pay).toHaveBeenCalledWith('in_1', { expand: ['payments.data.payment.payment_intent.payment_method'] }, key);
  });

  it('returns a decline as data, not an exception', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.pay.mockRejectedValue(stripeApiError(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'stolen_card', message: 'Your card was declined.' } }));
    await expect(provider.payInvoice('in_1', key)).resolves.toMatchObject({ status: 'failed', declineCode: 'stolen_card', invoiceStatus: 'open' });
  });

  it.each(['paid', 'void', 'uncollectible'])('refuses a %s invoice as invoice_not_payable, not retryable', async (status) => {
    const { fake, provider } = fakeStripe();
    fake.invoices.pay.mockRejectedValue(stateRefusal('Invoice is already paid'));
    fake.invoices.retrieve.mockResolvedValue(invoice(status));
    await expect(provider.payInvoice('in_1', key)).rejects.toMatchObject({ type: BillingErrorType.InvoiceNotPayable, retryable: false, message: `Invoice in_1 is ${status} and cannot be paid` });
  });

  it('keeps the plain mapping when the invoice is still open (the refusal was about something else)', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.pay.mockRejectedValue(stateRefusal('This invoice has no payment method'));
    fake.invoices.retrieve.mockResolvedValue(invoice('open'));
    await expect(provider.payInvoice('in_1', key)).rejects.toMatchObject({ type: BillingErrorType.InvalidRequest, retryable: false });
  });

  it('lets rate limits through as retryable without re-reading', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.pay.mockRejectedValue(stripeApiError(429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } }));
    await expect(provider.payInvoice('in_1', key)).rejects.toMatchObject({ type: BillingErrorType.RateLimited, retryable: true });
    expect(fake.invoices.retrieve).not.toHaveBeenCalled();
  });
});

describe('StripeBillingProvider subscription and invoice actions', () => {
  it('treats cancelling an already canceled subscription as done', async () => {
    const { fake, provider } = fakeStripe();
    fake.subscriptions.cancel.mockRejectedValue(stateRefusal('A canceled subscription can only update its cancellation_details and metadata.'));
    fake.subscriptions.retrieve.mockResolvedValue(subscription({ status: 'canceled' }));
    await expect(provider.cancelSubscription('sub_1', key)).resolves.toMatchObject({ id: 'sub_1', status: 'canceled' });
    expect(fake.subscriptions.cancel).toHaveBeenCalledWith('sub_1', {}, key);
  });

  it('marks unpaid by pausing collection as drafts, with fixed parameters for idempotent replays', async () => {
    const { fake, provider } = fakeStripe();
    fake.subscriptions.update.mockResolvedValue(subscription({ status: 'past_due', metadata: { dunning_state: 'unpaid' }, pause_collection: { behavior: 'keep_as_draft' } }));
    await expect(provider.markSubscriptionUnpaid('sub_1', key)).resolves.toMatchObject({ status: 'unpaid' });
    expect(fake.subscriptions.update).toHaveBeenCalledWith('sub_1', { pause_collection: { behavior: 'keep_as_draft' }, metadata: { dunning_state: 'unpaid' } }, key);
  });

  it('refuses to mark a canceled subscription unpaid', async () => {
    const { fake, provider } = fakeStripe();
    fake.subscriptions.update.mockRejectedValue(stateRefusal('A canceled subscription can only update its cancellation_details and metadata.'));
    fake.subscriptions.retrieve.mockResolvedValue(subscription({ status: 'canceled' }));
    await expect(provider.markSubscriptionUnpaid('sub_1', key)).rejects.toMatchObject({ type: BillingErrorType.SubscriptionEnded, retryable: false });
  });

  it('treats an invoice already uncollectible as done, and a paid one as invoice_not_open', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.markUncollectible.mockRejectedValue(stateRefusal('You can only mark an invoice as uncollectible if it is open.'));
    fake.invoices.retrieve.mockResolvedValueOnce(invoice('uncollectible')).mockResolvedValueOnce(invoice('paid'));
    await expect(provider.markInvoiceUncollectible('in_1', key)).resolves.toMatchObject({ status: 'uncollectible' });
    await expect(provider.markInvoiceUncollectible('in_1', key)).rejects.toMatchObject({ type: BillingErrorType.InvoiceNotOpen, retryable: false });
    expect(fake.invoices.markUncollectible).toHaveBeenCalledWith('in_1', {}, key);
  });

  it('stamps what it reads with the read time (Stripe keeps no last-modified time)', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.retrieve.mockResolvedValue(invoice('open'));
    fake.customers.retrieve.mockResolvedValue(stripeFixture('current', 'customer'));
    await expect(provider.getInvoice('in_1')).resolves.toMatchObject({ id: 'in_1', status: 'open', updatedAt: 1_700_000_000_000 });
    await expect(provider.getCustomer('cus_1')).resolves.toMatchObject({ updatedAt: 1_700_000_000_000 });
  });

  it('refuses an answer it cannot read as invalid_response, not retryable, naming the field', async () => {
    const { fake, provider } = fakeStripe();
    fake.invoices.retrieve.mockResolvedValue({ ...invoice('open'), status: null });
    fake.subscriptions.retrieve.mockResolvedValue(subscription({ customer: undefined }));
    await expect(provider.getInvoice('in_1')).rejects.toMatchObject({ type: BillingErrorType.InvalidResponse, retryable: false, message: expect.stringContaining('status') });
    await expect(provider.getSubscription('sub_1')).rejects.toMatchObject({ type: BillingErrorType.InvalidResponse, message: expect.stringContaining('customer') });
  });

  it('reads a missing payment method as undefined, and a missing invoice as not_found', async () => {
    const { fake, provider } = fakeStripe();
    const missing = stripeApiError(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' } });
    fake.paymentMethods.retrieve.mockRejectedValue(missing);
    fake.invoices.retrieve.mockRejectedValue(missing);
    await expect(provider.getPaymentMethod('pm_gone')).resolves.toBeUndefined();
    await expect(provider.getInvoice('in_gone')).rejects.toMatchObject({ type: BillingErrorType.NotFound, retryable: false });
  });
});
