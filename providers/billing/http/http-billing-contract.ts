import { z } from 'zod';
import {
  genericCustomerSchema,
  genericInvoiceSchema,
  genericPaymentMethodSchema,
  genericSubscriptionSchema,
} from '../../../domain/normalize/generic-event-schema';
import { INVOICE_STATUSES } from '../../../domain/normalize/billing-enums';

/*
 * The HTTP billing contract (docs/billing-http-contract.md, docs/billing-http-contract.openapi.json): what
 * the engine calls on a billing system with BILLING_PROVIDER=http. Objects are those of the generic event
 * format; unknown fields in an answer are ignored (an adapter may send more than the engine reads).
 */

/** `GET /customers/{id}`. */
export const contractCustomerSchema = z.object(genericCustomerSchema.shape);
/** `GET /invoices/{id}`, and the answer of `POST /invoices/{id}/mark-uncollectible`. */
export const contractInvoiceSchema = z.object(genericInvoiceSchema.shape);
/** `GET /subscriptions/{id}`, and the answer of `POST /subscriptions/{id}/cancel` and `/mark-unpaid`. */
export const contractSubscriptionSchema = z.object(genericSubscriptionSchema.shape);
/** `GET /payment-methods/{id}`. */
export const contractPaymentMethodSchema = z.object(genericPaymentMethodSchema.shape);

/** The answer of `POST /customers/payment-methods`: the customer's attached cards. */
export const contractPaymentMethodListSchema = z.object({ data: z.array(contractPaymentMethodSchema).max(1000) });

/** The answer of `POST /invoices/{id}/charge`: a decline is an answer (200, `failed`), not an error. */
export const contractChargeSchema = z.object({
  status: z.enum(['succeeded', 'failed']),
  invoice_status: z.enum(INVOICE_STATUSES).describe('the invoice after the attempt (a decline leaves it open)'),
  attempted_at: z.iso.datetime({ offset: true }).optional().describe('default: when the engine got the answer'),
  decline_code: z.string().optional().describe("the issuer's reason, e.g. insufficient_funds or stolen_card"),
  network_decline_code: z.string().optional(),
  network_advice_code: z.string().optional(),
  charge_id: z.string().optional(),
  failure_message: z.string().optional(),
  payment_method_id: z.string().optional(),
  card_brand: z.string().optional(),
  card_fingerprint: z.string().optional(),
});

/** The operations of the contract, each `POST /{path}` with a signed JSON body naming it. */
export const CONTRACT_OPERATIONS = {
  'customer.retrieve': '/customers/retrieve',
  'invoice.retrieve': '/invoices/retrieve',
  'subscription.retrieve': '/subscriptions/retrieve',
  'payment_method.retrieve': '/payment-methods/retrieve',
  'customer.payment_methods': '/customers/payment-methods',
  'invoice.charge': '/invoices/charge',
  'invoice.mark_uncollectible': '/invoices/mark-uncollectible',
  'subscription.cancel': '/subscriptions/cancel',
  'subscription.mark_unpaid': '/subscriptions/mark-unpaid',
} as const;

/** One operation name. */
export type ContractOperation = keyof typeof CONTRACT_OPERATIONS;

const OPERATION_NAMES = Object.keys(CONTRACT_OPERATIONS) as [ContractOperation, ...ContractOperation[]];

/**
 * The body of every call: the operation (so a body replayed to another path is refused), the object id and,
 * for actions, the idempotency key (also sent as `Idempotency-Key` and as `webhook-id`).
 */
export const contractRequestSchema = z.strictObject({
  operation: z.enum(OPERATION_NAMES),
  id: z.string().min(1).max(255),
  idempotency_key: z.string().min(1).max(255).optional().describe('actions only: the same key means the same action'),
  payment_method_id: z.string().min(1).max(255).optional().describe('invoice.charge only: charge this payment method of the customer instead of the default'),
});

/** One request body. */
export type ContractRequest = z.infer<typeof contractRequestSchema>;

/** Codes an adapter may put in a 4xx problem to say why an action is refused for good. */
export const CONTRACT_REFUSAL_CODES = ['invoice_not_open', 'invoice_not_payable', 'subscription_ended', 'not_found', 'invalid_request'] as const;

/** An error answer (RFC 9457 problem details); `code` refines a 4xx. */
export const contractProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  code: z.enum(CONTRACT_REFUSAL_CODES).optional(),
});

/** One contract answer. */
export type ContractCharge = z.infer<typeof contractChargeSchema>;
