import { ApiProperty, ApiResponse, type ApiPropertyOptions } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { automationDefinitionSchema, filterSchema, retryPolicySchema, stepSchema, triggerSchema } from '../../../domain/automation';
import { genericEventSchema } from '../../../domain/normalize/generic-event-schema';
import * as sandbox from '../sandbox/dto/sandbox-objects.schema';

/*
 * The zod schemas that validate (domain/) or describe (sandbox objects) a body are the OpenAPI components of
 * that body: `z.toJSONSchema` writes JSON Schema 2020-12, the dialect of OpenAPI 3.1, so they go in verbatim.
 */
const SCHEMAS = {
  Trigger: triggerSchema,
  Filter: filterSchema,
  Step: stepSchema,
  RetryPolicy: retryPolicySchema,
  AutomationDefinition: automationDefinitionSchema,
  GenericEvent: genericEventSchema,
  SandboxCustomer: sandbox.sandboxCustomerSchema,
  SandboxCustomerDetail: sandbox.sandboxCustomerDetailSchema,
  SandboxCustomerList: sandbox.sandboxListOf(sandbox.sandboxCustomerSchema),
  SandboxPaymentMethod: sandbox.sandboxPaymentMethodSchema,
  SandboxProduct: sandbox.sandboxProductSchema,
  SandboxProductDetail: sandbox.sandboxProductDetailSchema,
  SandboxProductList: sandbox.sandboxListOf(sandbox.sandboxProductSchema),
  SandboxPrice: sandbox.sandboxPriceSchema,
  SandboxSubscription: sandbox.sandboxSubscriptionSchema,
  SandboxSubscriptionList: sandbox.sandboxListOf(sandbox.sandboxSubscriptionSchema),
  SandboxInvoice: sandbox.sandboxInvoiceSchema,
  SandboxInvoiceDetail: sandbox.sandboxInvoiceDetailSchema,
  SandboxInvoiceList: sandbox.sandboxListOf(sandbox.sandboxInvoiceSchema),
  SandboxCharge: sandbox.sandboxChargeSchema,
  InvoiceSnapshot: sandbox.invoiceSnapshotSchema,
  SubscriptionSnapshot: sandbox.subscriptionSnapshotSchema,
  PaymentAttempt: sandbox.paymentAttemptSchema,
} satisfies Record<string, z.ZodType>;

/** The name of a zod-generated component. */
export type SchemaName = keyof typeof SCHEMAS;

/** A `$ref` to a zod-generated component. */
export const schemaRef = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

type SchemaObjects = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/** Every zod schema as an OpenAPI 3.1 component, cross-referencing each other (recursive filters included). */
export function zodComponents(): SchemaObjects {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema as SchemaObjects[string]]));
}

/** A DTO property whose shape is a zod component (the class-validator side checks only the outer type). */
export const ApiSchemaProperty = (name: SchemaName | SchemaName[], options: ApiPropertyOptions & { nullable?: boolean } = {}) => {
  const ref = Array.isArray(name) ? { type: 'array', items: schemaRef(name[0]) } : schemaRef(name);
  const { nullable, ...rest } = options;
  return ApiProperty({ ...rest, ...(nullable ? { oneOf: [ref, { type: 'null' }] } : ref) } as ApiPropertyOptions);
};

/** A success response whose body is a zod component. */
export const ApiSchemaResponse = (status: number, name: SchemaName, description = 'OK') =>
  ApiResponse({ status, description, content: { 'application/json': { schema: schemaRef(name) } } });
