import Stripe from 'stripe';

/** The Stripe API version this adapter is written and contract-tested against (the SDK's own). */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

/** Where the SDK sends its calls: Stripe itself, or another base such as stripe-mock's. */
export interface StripeHost {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/** `STRIPE_API_BASE` (e.g. `http://127.0.0.1:12111` for stripe-mock) as the SDK's host settings; none for Stripe itself. */
export function stripeHostOf(apiBase: string | undefined): StripeHost {
  if (!apiBase) return {};
  const base = new URL(apiBase);
  return { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.slice(0, -1) as 'http' | 'https' };
}

/** Settings of a client: the key, where it calls, and its own retries and time limit. */
export interface StripeClientOptions extends StripeHost {
  apiKey: string;
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/**
 * The project's one way to build a Stripe SDK client: pinned API version, no telemetry. The SDK retries network
 * faults itself with the same idempotency key; Temporal retries the rest.
 */
export function createStripeClient(o: StripeClientOptions): Stripe {
  return new Stripe(o.apiKey, {
    apiVersion: STRIPE_API_VERSION, host: o.host, port: o.port, protocol: o.protocol,
    maxNetworkRetries: o.maxNetworkRetries ?? 1, timeout: o.timeoutMs ?? 30_000, telemetry: false,
  });
}
