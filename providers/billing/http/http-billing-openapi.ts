import { z } from 'zod';
import * as c from './http-billing-contract';

/*
 * The OpenAPI 3.1 document of the HTTP billing contract (committed as docs/billing-http-contract.openapi.json,
 * checked equal by test/unit/http-billing-contract-doc.test.ts): components straight from the zod schemas the
 * engine parses answers with, so the document cannot drift from the code.
 */

const SCHEMAS = {
  ContractRequest: c.contractRequestSchema,
  Customer: c.contractCustomerSchema,
  Invoice: c.contractInvoiceSchema,
  Subscription: c.contractSubscriptionSchema,
  PaymentMethod: c.contractPaymentMethodSchema,
  PaymentMethodList: c.contractPaymentMethodListSchema,
  ChargeResult: c.contractChargeSchema,
  Problem: c.contractProblemSchema,
} satisfies Record<string, z.ZodType>;

type Answer = keyof typeof SCHEMAS;

const ANSWERS: Record<c.ContractOperation, { answer: Answer; summary: string }> = {
  'customer.retrieve': { answer: 'Customer', summary: 'Read a customer (its email address and default payment method)' },
  'invoice.retrieve': { answer: 'Invoice', summary: 'Read an invoice' },
  'subscription.retrieve': { answer: 'Subscription', summary: 'Read a subscription (its interval feeds the filters)' },
  'payment_method.retrieve': { answer: 'PaymentMethod', summary: 'Read a payment method (404 when deleted)' },
  'customer.payment_methods': { answer: 'PaymentMethodList', summary: "List the customer's attached cards (with expiry and created_at): backups after a decline" },
  'invoice.charge': { answer: 'ChargeResult', summary: "Charge an open invoice on the customer's default payment method, or on payment_method_id (a backup); a decline is a 200 with status failed" },
  'invoice.mark_uncollectible': { answer: 'Invoice', summary: 'Mark an open invoice uncollectible (already uncollectible: 200)' },
  'subscription.cancel': { answer: 'Subscription', summary: 'Cancel a subscription for non-payment (already canceled: 200)' },
  'subscription.mark_unpaid': { answer: 'Subscription', summary: 'Stop collecting on a subscription, keeping it (already unpaid: 200)' },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const header = (description: string, example?: string) => ({ required: true, schema: { type: 'string' }, description, ...(example && { example }) });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** The whole document. */
export function billingContractDocument(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' });
  const components = Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...s }]) => [id, s]));
  const paths = Object.fromEntries(Object.entries(c.CONTRACT_OPERATIONS).map(([operation, path]) => {
    const { answer, summary } = ANSWERS[operation as c.ContractOperation];
    const action = !operation.endsWith('.retrieve') && operation !== 'customer.payment_methods';
    return [path, { post: {
      operationId: operation.replace(/[._](\w)/g, (_m, ch: string) => ch.toUpperCase()),
      summary,
      parameters: [
        { name: 'webhook-id', in: 'header', ...header('Message id: the idempotency key for actions, msg_<uuid> for reads') },
        { name: 'webhook-timestamp', in: 'header', ...header('Unix seconds when signed; refuse more than 5 minutes away') },
        { name: 'webhook-signature', in: 'header', ...header('v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"> (Standard Webhooks)') },
        ...(action ? [{ name: 'Idempotency-Key', in: 'header', ...header('The same key means the same action: answer it once, replay the answer after') }] : []),
      ],
      requestBody: { required: true, content: { 'application/json': { schema: ref('ContractRequest') } } },
      responses: {
        200: { description: 'The object after the call', content: { 'application/json': { schema: ref(answer) } } },
        401: problem('Bad signature or timestamp: permanent'),
        404: problem('No such object: permanent'),
        409: problem('The same key is still being processed: retried'),
        422: problem('Refused for good; `code` says why (invoice_not_open, invoice_not_payable, subscription_ended)'),
        429: problem('Too many requests: retried after Retry-After'),
        503: problem('Unavailable (any 5xx): retried after Retry-After, else with backoff'),
      },
    } }];
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dunning engine: HTTP billing contract',
      version: '1.0.0',
      description: 'What BILLING_PROVIDER=http calls on your billing system (docs/billing-http-contract.md). Every call is a POST signed with Standard Webhooks headers; objects are those of the generic event format.',
    },
    paths,
    components: { schemas: components },
  };
}
