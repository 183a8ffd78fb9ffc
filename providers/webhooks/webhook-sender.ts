import { lookup } from 'node:dns/promises';
import { Webhook } from 'standardwebhooks';
import { allowListed, checkAddress, checkOutboundUrl } from '../../domain/outbound-targets';
import { WebhookSendError, WebhookSendErrorType } from './webhook-errors';

export { WebhookSendError, WebhookSendErrorType } from './webhook-errors';

/** One message to send: the same `messageId` and body on every attempt, signed with every secret given (rotation). */
export interface OutboundMessage {
  url: string;
  messageId: string;
  body: string;
  /** Secrets, newest first: `whsec_…` base64 keys, or any other string used as raw bytes. */
  secrets: readonly string[];
  timestamp?: Date;
  headers?: Record<string, string>;
}

export interface WebhookSenderOptions {
  timeoutMs?: number;
  /** Internal hosts that may be reached anyway (OUTBOUND_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Every address a host name resolves to (default: the system resolver). */
  resolve?: (hostname: string) => Promise<string[]>;
  now?: () => number;
}

const systemResolve = async (hostname: string): Promise<string[]> => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** A Standard Webhooks signer for a secret: `whsec_` + base64 as the spec has it, anything else as raw bytes. */
export function signerOf(secret: string): Webhook {
  return secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
}

/** The `webhook-signature` header: one `v1,<base64>` per secret, space-separated (receivers accept any one). */
export function signatureHeader(secrets: readonly string[], messageId: string, timestamp: Date, body: string): string {
  return secrets.map((s) => signerOf(s).sign(messageId, timestamp, body)).join(' ');
}

/**
 * Sends outbound webhooks as Standard Webhooks (standardwebhooks.com): a JSON POST with `webhook-id`,
 * `webhook-timestamp` and `webhook-signature`. 2xx is delivered; 408/429, 5xx, timeouts and network faults are
 * `unavailable` (try again); other answers and redirects are `rejected` (a signed body never follows a redirect).
 * The target is checked against the outbound rules (domain/outbound-targets.ts) before every send, its name
 * resolved and each address checked. (fetch resolves the name again: a DNS answer that changes in between is not caught.)
 */
export class WebhookSender {
  constructor(private readonly options: WebhookSenderOptions = {}) {}

  async send(message: OutboundMessage): Promise<{ status: number }> {
    await this.checkTarget(message.url);
    const timestamp = message.timestamp ?? new Date((this.options.now ?? Date.now)());
    let response: Response;
    try {
      response = await fetch(message.url, {
        method: 'POST',
        body: message.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: {
          ...message.headers,
          'content-type': 'application/json',
          'webhook-id': message.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signatureHeader(message.secrets, message.messageId, timestamp, message.body),
          'user-agent': 'dunning-automations-webhooks/2',
        },
      });
    } catch (err) {
      throw new WebhookSendError(WebhookSendErrorType.Unavailable, `Webhook ${message.url} unreachable: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
    await response.body?.cancel().catch(() => undefined); // the receiver's answer body is not used
    const { status } = response;
    if (status >= 200 && status < 300) return { status };
    if (status >= 500 || status === 408 || status === 429) throw new WebhookSendError(WebhookSendErrorType.Unavailable, `Webhook ${message.url} answered ${status}; will retry`, status);
    throw new WebhookSendError(WebhookSendErrorType.Rejected, `Webhook ${message.url} answered ${status}`, status);
  }

  /** The send-time half of the target rule: the saved URL again, then every address its host resolves to now. */
  private async checkTarget(url: string): Promise<void> {
    const allowed = this.options.allowedHosts ?? [];
    const saved = checkOutboundUrl(url, allowed);
    if (!saved.ok) throw new WebhookSendError(WebhookSendErrorType.RefusedTarget, `Webhook target refused: ${saved.reason}`);
    const parsed = new URL(url);
    if (allowListed(parsed, allowed)) return;
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
      addresses = await (this.options.resolve ?? systemResolve)(host);
    } catch (err) {
      throw new WebhookSendError(WebhookSendErrorType.Unavailable, `Webhook host ${host} does not resolve: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
    for (const address of addresses) {
      const check = checkAddress(address);
      if (!check.ok) throw new WebhookSendError(WebhookSendErrorType.RefusedTarget, `Webhook target refused: ${host} resolves to ${check.reason}`);
    }
  }
}
