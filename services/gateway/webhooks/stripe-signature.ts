import Stripe from 'stripe';

/** Stripe's documented default: a signed timestamp older than 5 minutes is a replay. */
export const STRIPE_TOLERANCE_SECONDS = 300;

export type SignatureCheck = { ok: true; event: unknown } | { ok: false; reason: string };

/**
 * Verifies `Stripe-Signature` over the raw body with the official SDK against every configured secret
 * (several during a rotation). A match whose timestamp is too old reports the age, not a mismatch. `parsed`
 * is the body the JSON parser already made of those bytes: given, it is the event (no second parse).
 */
export function verifyStripeSignature(
  rawBody: Buffer, header: string | undefined, secrets: readonly string[], nowMs: number = Date.now(), parsed?: unknown,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'The Stripe-Signature header is missing' };
  // The SDK bounds only the age: a timestamp from the future would make a captured signature replayable later.
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(header)?.[1]);
  if (Number.isFinite(signedAt) && signedAt - nowMs / 1000 > STRIPE_TOLERANCE_SECONDS) {
    return { ok: false, reason: `The signature timestamp is more than ${STRIPE_TOLERANCE_SECONDS} seconds in the future` };
  }
  let expired = false;
  let malformed: string | undefined;
  for (const secret of secrets) {
    try {
      const verifier = Stripe.webhooks.signature; // always set by the SDK; constructEvent parses again without it
      if (parsed === undefined || !verifier) return { ok: true, event: Stripe.webhooks.constructEvent(rawBody, header, secret, STRIPE_TOLERANCE_SECONDS) };
      verifier.verifyHeader(rawBody, header, secret, STRIPE_TOLERANCE_SECONDS);
      // What constructEvent refuses after its parse: a v2 "thin" notification is not a webhook event.
      if ((parsed as { object?: unknown } | null)?.object === 'v2.core.event') return { ok: false, reason: 'The signed body is not a Stripe event: a thin event notification' };
      return { ok: true, event: parsed };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message.startsWith('Timestamp outside the tolerance zone')) expired = true;
      else if (/Unable to extract|expected scheme/.test(message)) malformed = message;
      else if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
        // A signature matched but the body is not what the SDK can parse: report it as a body problem.
        return { ok: false, reason: `The signed body is not a Stripe event: ${message}` };
      }
    }
  }
  if (expired) return { ok: false, reason: `The signature timestamp is older than ${STRIPE_TOLERANCE_SECONDS} seconds (replayed or delayed delivery)` };
  if (malformed) return { ok: false, reason: `The Stripe-Signature header is malformed: ${malformed}` };
  return { ok: false, reason: 'No signature matches any configured webhook secret' };
}
