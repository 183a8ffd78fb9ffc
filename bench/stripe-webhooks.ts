import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { newStripeIds, stripeEvent } from '../testkit/stripe-events';

/** A fresh webhook signing secret for one bench run. */
export const newWebhookSecret = (): string => `whsec_bench_${randomBytes(16).toString('hex')}`;

/**
 * The first `invoice.payment_failed` of a fresh annual subscription invoice (the tests' builder over Stripe's
 * own fixtures), as Stripe POSTs it: body and signed headers. Every call is a new invoice, so each accepted
 * event starts its own run. Legacy API shape: its invoice lines carry the price interval that recipe 1 filters
 * on; the current shape would need the subscription from the billing provider, which the bench's empty
 * sandbox ledger does not have (the enricher still looks the objects up and notes `not_found`). Each invoice
 * is also paid by a card of its own, as on a renewal day: one card behind every invoice would make every
 * dispatch wait for that card's attempt-log lock in turn.
 */
export function signedPaymentFailed(secret: string): { body: string; headers: Record<string, string> } {
  const event = stripeEvent('invoice.payment_failed', {
    shape: 'legacy', ids: newStripeIds(), interval: 'year', declineCode: 'insufficient_funds', created: Math.floor(Date.now() / 1000),
    card: { fingerprint: randomBytes(8).toString('hex') },
  });
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

/** POSTs one body; resolves on a 2xx (body read), throws otherwise. */
export async function post(url: string, request: { body: string; headers: Record<string, string> }): Promise<void> {
  const res = await fetch(url, { method: 'POST', body: request.body, headers: request.headers });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
}
