import { createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import { createStripeClient, stripeHostOf } from '../billing/stripe/stripe-client';

/**
 * The self-service link of customer dunning emails (`update_payment_method_url`), minted by the email activity:
 * with Stripe a Billing Portal session on the payment-method-update flow (the SDK call carries the activity's
 * idempotency key, so a retried activity gets the same session); for other billing systems a URL template from
 * config filled with the customer, the invoice and a signed, expiring token; with the sandbox the gateway's own page
 * `/pay/<token>` (services/gateway/pay) with the same token. Without any, no link is minted and
 * the context keeps its fallback (the invoice's hosted page).
 */

/** What one link is for; `key` is the activity's idempotency key (run + step), `at` the run's time of the email. */
export interface SelfServiceRequest {
  key: string;
  customerId: string;
  invoiceId?: string;
  at: number;
}

/** The port the email activity calls. */
export interface SelfServiceLinks {
  mint(request: SelfServiceRequest): Promise<string | undefined>;
}

/** A token's claims: customer, invoice, expiry (epoch ms). */
export interface SelfServiceClaims {
  customerId: string;
  invoiceId?: string;
  expiresAt: number;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

/** `body.signature`, both base64url; deterministic for the same claims, so a retried activity mints the same link. */
export function signSelfServiceToken(claims: SelfServiceClaims, secret: string): string {
  const body = b64(JSON.stringify({ c: claims.customerId, i: claims.invoiceId, e: claims.expiresAt }));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The claims of a valid token, or why it is refused (the page answers each with a 4xx). */
export function verifySelfServiceToken(token: string, secret: string, now: number): { ok: true; claims: SelfServiceClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' } {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let parsed: { c?: unknown; i?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.c !== 'string' || typeof parsed.e !== 'number' || (parsed.i !== undefined && typeof parsed.i !== 'string')) return { ok: false, reason: 'malformed' };
  if (now >= parsed.e) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { customerId: parsed.c, invoiceId: parsed.i as string | undefined, expiresAt: parsed.e } };
}

/** Fills `{customer_id}`, `{invoice_id}` and `{token}` of a URL template, each URL-encoded. */
export function fillUrlTemplate(template: string, values: { customer_id: string; invoice_id?: string; token: string }): string {
  return template.replace(/\{(customer_id|invoice_id|token)\}/g, (_, name: keyof typeof values) => encodeURIComponent(values[name] ?? ''));
}

/** Settings of the links (config `SELF_SERVICE_*`, the Stripe key and API base). */
export interface SelfServiceOptions {
  billingProvider: string;
  urlTemplate?: string;
  secret?: string;
  ttlMs: number;
  returnUrl?: string;
  /** Sandbox: the gateway's base URL; links are `<pageUrl>/pay/<token>`. */
  pageUrl?: string;
  stripe?: { apiKey?: string; apiBase?: string };
  stripeClient?: Stripe;
}

/** The links for the configured billing system; `undefined` mints nothing. */
export function createSelfServiceLinks(o: SelfServiceOptions): SelfServiceLinks | undefined {
  if (o.urlTemplate) {
    const { urlTemplate, secret } = o;
    if (!secret) throw new Error('SELF_SERVICE_SECRET is required with SELF_SERVICE_URL_TEMPLATE');
    return {
      async mint(r) {
        const token = signSelfServiceToken({ customerId: r.customerId, invoiceId: r.invoiceId, expiresAt: r.at + o.ttlMs }, secret);
        return fillUrlTemplate(urlTemplate, { customer_id: r.customerId, invoice_id: r.invoiceId, token });
      },
    };
  }
  if (o.billingProvider === 'sandbox') {
    const { pageUrl, secret } = o;
    if (!pageUrl || !secret) return undefined;
    return {
      async mint(r) {
        return `${pageUrl}/pay/${signSelfServiceToken({ customerId: r.customerId, invoiceId: r.invoiceId, expiresAt: r.at + o.ttlMs }, secret)}`;
      },
    };
  }
  if (o.billingProvider !== 'stripe' || (!o.stripeClient && !o.stripe?.apiKey)) return undefined;
  const stripe = o.stripeClient ?? createStripeClient({ apiKey: o.stripe!.apiKey!, ...stripeHostOf(o.stripe!.apiBase) });
  return {
    async mint(r) {
      try {
        const session = await stripe.billingPortal.sessions.create(
          { customer: r.customerId, ...(o.returnUrl && { return_url: o.returnUrl }), flow_data: { type: 'payment_method_update' } },
          { idempotencyKey: `portal:${r.key}` },
        );
        return session.url;
      } catch (error) {
        // Refused (no portal configuration in the account, an unknown customer): the email goes out with the
        // hosted invoice page instead; transient faults are thrown and the activity retries.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return undefined;
        throw error;
      }
    },
  };
}
