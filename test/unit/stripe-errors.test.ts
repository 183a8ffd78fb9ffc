import Stripe from 'stripe';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { declineFromStripeError, isStateError, toBillingProviderError } from '../../providers/billing/stripe/stripe-errors';
import { stripeApiError } from '../support/stripe-error-fixtures';
import { stripeFixture } from '../../testkit/stripe-fixtures';
import { BillingErrorType } from '../../providers/billing/billing-errors';

// Raw bodies as Stripe's API answers them (shapes from docs.stripe.com/api/errors and the error codes page).
const pm = () => stripeFixture('current', 'payment_method');
const ERRORS = {
  insufficientFunds: () => stripeApiError(402, { error: {
    type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', charge: 'ch_3Q1',
    message: 'Your card has insufficient funds.', doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    payment_intent: { ...stripeFixture('current', 'payment_intent'), id: 'pi_3Q1', last_payment_error: { type: 'card_error', payment_method: pm() } },
  } }),
  expiredCard: () => stripeApiError(402, { error: { type: 'card_error', code: 'expired_card', message: 'Your card has expired.', param: 'exp_month', payment_method: pm() } }),
  lostCard: () => stripeApiError(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'lost_card', message: 'Your card was declined.', payment_intent: { id: 'pi_3Q2', payment_method: 'pm_only_id' } } }),
  requiresAction: () => stripeApiError(400, { error: { type: 'invalid_request_error', code: 'invoice_payment_intent_requires_action', message: 'This payment requires additional user action before it can be completed successfully.' } }),
  rateLimit: () => stripeApiError(429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.' } }),
  lockTimeout: () => stripeApiError(429, { error: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.' } }),
  server: () => stripeApiError(500, { error: { type: 'api_error', message: 'Sorry, something went wrong. We\'ve already been notified of the problem.' } }),
  badGateway: () => stripeApiError(502, { error: { type: 'api_error', message: 'Bad gateway' } }),
  inFlight: () => stripeApiError(409, { error: { type: 'invalid_request_error', code: 'idempotency_key_in_use', message: 'There is currently another in-progress request using this Stripe-Idempotency-Key.' } }),
  connection: () => new Stripe.errors.StripeConnectionError({ message: 'An error occurred with our connection to Stripe. Request was retried 1 times.' }),
  missing: () => stripeApiError(404, { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'invoice', message: "No such invoice: 'in_nope'" } }),
  badKey: () => stripeApiError(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_********************1234' } }),
  forbidden: () => stripeApiError(403, { error: { type: 'invalid_request_error', code: 'secret_key_required', message: 'The provided key does not have access to the requested resource.' } }),
  idempotency: () => stripeApiError(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } }),
  unknownParam: () => stripeApiError(400, { error: { type: 'invalid_request_error', code: 'parameter_unknown', param: 'bogus', message: 'Received unknown parameter: bogus' } }),
  alreadyPaid: () => stripeApiError(400, { error: { type: 'invalid_request_error', message: 'Invoice is already paid' } }),
};

describe('declineFromStripeError', () => {
  it('turns an issuer decline into a failed attempt with the card from the payment intent', () => {
    expect(declineFromStripeError(ERRORS.insufficientFunds(), 1_700_000_000_000)).toEqual({
      status: 'failed', declineCode: 'insufficient_funds', chargeId: 'ch_3Q1', failureMessage: 'Your card has insufficient funds.',
      paymentMethodId: 'pm_1Pgc75B7WZ01zgkWlHVgdEGJ', cardBrand: 'visa', cardFingerprint: 'AOB934RVNwzk6xtn',
      invoiceStatus: 'open', attemptedAt: 1_700_000_000_000,
    });
  });

  it('carries the network decline and advice codes of the error, or else of the payment intent', () => {
    const body = { type: 'card_error', code: 'card_declined', decline_code: 'do_not_honor', message: 'Your card was declined.' };
    expect(declineFromStripeError(stripeApiError(402, { error: { ...body, network_decline_code: '05', network_advice_code: '03' } }), 1)).toMatchObject({ networkDeclineCode: '05', networkAdviceCode: '03' });
    const intent = { id: 'pi_3Q3', last_payment_error: { type: 'card_error', network_decline_code: 'R1' } };
    expect(declineFromStripeError(stripeApiError(402, { error: { ...body, payment_intent: intent } }), 1)).toMatchObject({ networkDeclineCode: 'R1' });
  });

  it('uses the error code when the issuer gave no decline code', () => {
    expect(declineFromStripeError(ERRORS.expiredCard(), 1)).toMatchObject({ declineCode: 'expired_card', cardFingerprint: 'AOB934RVNwzk6xtn' });
  });

  it('keeps a hard decline code and a payment method known only by id', () => {
    expect(declineFromStripeError(ERRORS.lostCard(), 1)).toMatchObject({ declineCode: 'lost_card', paymentMethodId: 'pm_only_id', cardFingerprint: undefined });
  });

  it('reads a payment needing customer authentication as the authentication_required hard decline', () => {
    expect(declineFromStripeError(ERRORS.requiresAction(), 1)).toMatchObject({ status: 'failed', declineCode: 'authentication_required' });
  });

  it('is not a decline for any other error', () => {
    for (const make of [ERRORS.rateLimit, ERRORS.server, ERRORS.missing, ERRORS.alreadyPaid, () => new Error('boom')]) {
      expect(declineFromStripeError(make(), 1)).toBeUndefined();
    }
  });
});

describe('toBillingProviderError', () => {
  it.each([
    ['rateLimit', BillingErrorType.RateLimited, true],
    ['lockTimeout', BillingErrorType.LockTimeout, true],
    ['server', BillingErrorType.Unavailable, true],
    ['badGateway', BillingErrorType.Unavailable, true],
    ['connection', BillingErrorType.Unavailable, true],
    ['inFlight', BillingErrorType.Conflict, true],
    ['missing', BillingErrorType.NotFound, false],
    ['badKey', BillingErrorType.Auth, false],
    ['forbidden', BillingErrorType.PermissionDenied, false],
    ['idempotency', BillingErrorType.IdempotencyConflict, false],
    ['unknownParam', BillingErrorType.InvalidRequest, false],
    ['alreadyPaid', BillingErrorType.InvalidRequest, false],
    ['insufficientFunds', BillingErrorType.CardError, false],
  ] as const)('maps %s to %s (retryable: %s)', (name, type, retryable) => {
    const source = ERRORS[name]();
    const mapped = toBillingProviderError(source, 'invoices.pay');
    expect(mapped).toBeInstanceOf(BillingProviderError);
    expect({ type: mapped.type, retryable: mapped.retryable }).toEqual({ type, retryable });
    expect(mapped.cause).toBe(source);
    expect(mapped.message).toContain('Stripe invoices.pay');
  });

  it('names the request id but never repeats the API key it was given', () => {
    const mapped = toBillingProviderError(ERRORS.missing(), 'invoices.retrieve');
    expect(mapped.message).toBe("Stripe invoices.retrieve: No such invoice: 'in_nope' (request req_test123)");
  });

  it('treats a non-Stripe error as a retryable unknown', () => {
    expect(toBillingProviderError(new TypeError('socket hang up'), 'x')).toMatchObject({ type: BillingErrorType.Unknown, retryable: true });
  });

  it('tells a refusal about state from one about parameters', () => {
    expect(isStateError(ERRORS.alreadyPaid())).toBe(true);
    expect(isStateError(ERRORS.unknownParam())).toBe(false);
    expect(isStateError(ERRORS.missing())).toBe(false);
    expect(isStateError(ERRORS.server())).toBe(false);
  });
});

describe('redaction', () => {
  it('never repeats an API key quoted by an auth error', () => {
    const err = stripeApiError(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_51Habc123. Authorization was \'Bearer sk_live_51Habc123\'.' } });
    const { message } = toBillingProviderError(err, 'customers.retrieve');
    expect(message).not.toContain('51Habc123');
    expect(message).toContain('Invalid API Key provided: [redacted]');
  });
});
