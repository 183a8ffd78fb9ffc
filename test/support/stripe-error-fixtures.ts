import Stripe from 'stripe';

/**
 * A Stripe SDK error built the way the SDK builds it from an HTTP answer (RequestSender: the body's
 * `error` plus status, headers and request id, through generateV1Error), from a realistic raw body.
 */
export function stripeApiError(statusCode: number, body: { error: Record<string, unknown> }, requestId = 'req_test123') {
  return Stripe.errors.generateV1Error({
    ...(body.error as object),
    statusCode,
    requestId,
    headers: { 'request-id': requestId },
  } as Parameters<typeof Stripe.errors.generateV1Error>[0]);
}
