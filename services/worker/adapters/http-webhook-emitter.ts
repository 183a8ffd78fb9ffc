import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { WebhookEmitter } from '../../../activities/deps';
import { runFailure, RunFailureType } from '../../../activities/errors';
import { allowListed, checkAddress, checkOutboundUrl } from '../../../domain/outbound-targets';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs its webhooks. */
export const SIGNATURE_HEADER = 'Dunning-Signature';

export interface HttpWebhookEmitterOptions {
  secret: string;
  timeoutMs?: number;
  now?: () => number;
  /** Internal hosts that may be reached anyway (OUTBOUND_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Every address a host name resolves to (default: the system resolver). */
  resolve?: (hostname: string) => Promise<string[]>;
}

const systemResolve = async (hostname: string): Promise<string[]> => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** The signature header value for a body at a time (exported so receivers and tests verify the same way). */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * Outgoing webhooks: a POST of `{id, type, data}` signed with HMAC-SHA256, with the step's key as
 * `Idempotency-Key` (and as `id`) so the receiver can drop the redeliveries Temporal's retries cause.
 * 2xx is delivered; 408/429, 5xx and network faults are retried; other 4xx and redirects are hopeless.
 * A target inside the network (domain/outbound-targets.ts), checked after resolving its name, is refused for good.
 * (The name is resolved again by fetch: a DNS answer that changes in between is not caught.)
 */
export class HttpWebhookEmitter implements WebhookEmitter {
  constructor(private readonly options: HttpWebhookEmitterOptions) {}

  async emit({ idempotencyKey, url, eventType, payload }: Parameters<WebhookEmitter['emit']>[0]): Promise<{ status: number }> {
    await this.checkTarget(url);
    const body = JSON.stringify({ id: idempotencyKey, type: eventType, data: payload ?? null });
    const t = Math.floor((this.options.now ?? Date.now)() / 1000);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual', // a signed payload must not follow a redirect to another host
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(this.options.secret, body, t),
          'user-agent': 'dunning-automations-webhooks/1',
        },
      });
    } catch (err) {
      throw new Error(`Webhook ${url} unreachable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    await response.body?.cancel().catch(() => undefined); // the receiver's answer body is not used
    const { status } = response;
    if (status >= 200 && status < 300) return { status };
    if (status >= 500 || status === 408 || status === 429) throw new Error(`Webhook ${url} answered ${status}; will retry`);
    // A refusal: retrying would be refused again.
    throw runFailure(RunFailureType.WebhookRejected, `Webhook ${url} answered ${status}`, { status });
  }

  /** The send-time half of the target rule: the saved URL again, then every address its host resolves to now. */
  private async checkTarget(url: string): Promise<void> {
    const allowed = this.options.allowedHosts ?? [];
    const saved = checkOutboundUrl(url, allowed);
    if (!saved.ok) throw runFailure(RunFailureType.WebhookRejected, `Webhook target refused: ${saved.reason}`);
    const parsed = new URL(url);
    if (allowListed(parsed, allowed)) return;
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
      addresses = await (this.options.resolve ?? systemResolve)(host);
    } catch (err) {
      throw new Error(`Webhook host ${host} does not resolve: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    for (const address of addresses) {
      const check = checkAddress(address);
      if (!check.ok) throw runFailure(RunFailureType.WebhookRejected, `Webhook target refused: ${host} resolves to ${check.reason}`);
    }
  }
}
