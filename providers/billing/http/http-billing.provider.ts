import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { z } from 'zod';
import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentAttempt,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from '../../../domain/billing';
import { compact } from '../../../domain/normalize/billing-enums';
import {
  genericCustomerSnapshot,
  genericInvoiceSnapshot,
  genericPaymentMethodSnapshot,
  genericSubscriptionSnapshot,
  isoMs,
} from '../../../domain/normalize/generic-snapshots';
import { BillingErrorType } from '../billing-errors';
import { BillingProviderError, type BillingProvider, type MutationOptions, type PayOptions } from '../billing-provider';
import * as contract from './http-billing-contract';
import { errorFromAnswer, errorFromNetwork, retryAfterMs } from './http-billing-errors';

/** Where the billing system's adapter listens, the Standard Webhooks secret both sides share, the time limit. */
export interface HttpBillingProviderOptions {
  /** Base URL of the adapter, e.g. `https://billing-adapter.internal/dunning` (paths are appended). */
  baseUrl: string;
  /** `whsec_…` (base64) secret signing every request. */
  secret: string;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * BillingProvider over the HTTP billing contract (docs/billing-http-contract.md): every call is a signed
 * `POST` (Standard Webhooks headers) whose JSON body names the operation and the object; answers are objects
 * of the generic event format. A decline is an answer; errors are classed by status code.
 */
export class HttpBillingProvider implements BillingProvider {
  readonly name = 'http' as const;
  private readonly signer: Webhook;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpBillingProviderOptions) {
    this.signer = new Webhook(options.secret);
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  /** A signed read of an id that cannot exist: 404 means the adapter accepted the signature, 401/403 that it did not. */
  async checkAccess(): Promise<void> {
    await this.call('customer.retrieve', '__access_check__', contract.contractCustomerSchema).catch((err: unknown) => {
      if (!(err instanceof BillingProviderError && err.type === BillingErrorType.NotFound)) throw err;
    });
  }

  async getInvoice(id: string): Promise<InvoiceSnapshot> {
    return genericInvoiceSnapshot(await this.call('invoice.retrieve', id, contract.contractInvoiceSchema), this.now());
  }

  async getSubscription(id: string): Promise<SubscriptionSnapshot> {
    return genericSubscriptionSnapshot(await this.call('subscription.retrieve', id, contract.contractSubscriptionSchema), this.now());
  }

  async getCustomer(id: string): Promise<CustomerSnapshot> {
    return genericCustomerSnapshot(await this.call('customer.retrieve', id, contract.contractCustomerSchema), this.now());
  }

  async getPaymentMethod(id: string): Promise<PaymentMethodSnapshot | undefined> {
    try {
      return genericPaymentMethodSnapshot(await this.call('payment_method.retrieve', id, contract.contractPaymentMethodSchema), this.now());
    } catch (err) {
      if (err instanceof BillingProviderError && err.type === BillingErrorType.NotFound) return undefined; // deleted
      throw err;
    }
  }

  async listPaymentMethods(customerId: string): Promise<PaymentMethodSnapshot[]> {
    const list = await this.call('customer.payment_methods', customerId, contract.contractPaymentMethodListSchema);
    return list.data.map((pm) => genericPaymentMethodSnapshot(pm, this.now(), customerId));
  }

  async payInvoice(id: string, { idempotencyKey, paymentMethodId }: PayOptions): Promise<PaymentAttempt> {
    const c = await this.call('invoice.charge', id, contract.contractChargeSchema, idempotencyKey, paymentMethodId);
    return compact({
      status: c.status, invoiceStatus: c.invoice_status, attemptedAt: c.attempted_at ? isoMs(c.attempted_at) : this.now(),
      declineCode: c.status === 'failed' ? (c.decline_code ?? 'card_declined') : undefined,
      networkDeclineCode: c.network_decline_code, networkAdviceCode: c.network_advice_code, chargeId: c.charge_id,
      failureMessage: c.failure_message, paymentMethodId: c.payment_method_id, cardBrand: c.card_brand, cardFingerprint: c.card_fingerprint,
    });
  }

  async cancelSubscription(id: string, { idempotencyKey }: MutationOptions): Promise<SubscriptionSnapshot> {
    return genericSubscriptionSnapshot(await this.call('subscription.cancel', id, contract.contractSubscriptionSchema, idempotencyKey), this.now());
  }

  async markSubscriptionUnpaid(id: string, { idempotencyKey }: MutationOptions): Promise<SubscriptionSnapshot> {
    return genericSubscriptionSnapshot(await this.call('subscription.mark_unpaid', id, contract.contractSubscriptionSchema, idempotencyKey), this.now());
  }

  async markInvoiceUncollectible(id: string, { idempotencyKey }: MutationOptions): Promise<InvoiceSnapshot> {
    return genericInvoiceSnapshot(await this.call('invoice.mark_uncollectible', id, contract.contractInvoiceSchema, idempotencyKey), this.now());
  }

  /** One signed call; the answer is parsed with `schema` (a 2xx the mapping cannot read is `invalid_response`). */
  private async call<S extends z.ZodType>(operation: contract.ContractOperation, id: string, schema: S, idempotencyKey?: string, paymentMethodId?: string): Promise<z.infer<S>> {
    const body = JSON.stringify(compact({ operation, id, idempotency_key: idempotencyKey, payment_method_id: paymentMethodId }));
    // An action's key is its message id: a retried call is the same message to the adapter.
    const messageId = idempotencyKey ?? `msg_${randomUUID()}`;
    const timestamp = new Date(this.now());
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': this.signer.sign(messageId, timestamp, body),
      ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
    };
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}${contract.CONTRACT_OPERATIONS[operation]}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
      text = await res.text();
    } catch (err) {
      throw errorFromNetwork(operation, err);
    }
    const json = parseJson(text);
    if (!res.ok) throw errorFromAnswer(operation, res.status, json, retryAfterMs(res.headers.get('retry-after'), this.now()));
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new BillingProviderError(`Billing API ${operation} answered an unreadable object (${where})`, BillingErrorType.InvalidResponse, false);
    }
    return parsed.data;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
