import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { zodComponents } from './admin/openapi-schemas';

/** Operation ids that the `verb + resource` rule below would get wrong. */
const OPERATION_IDS: Record<string, string> = {
  'AutomationsController.updateByPost': 'updateAutomationByPost',
  'AutomationsController.versions': 'listAutomationVersions',
  'AutomationsController.version': 'getAutomationVersion',
  'AutomationsController.reorder': 'reorderAutomations',
  'RunsController.skipWait': 'skipRunWait',
  'AnalyticsController.recovery': 'getRecoveryAnalytics',
  'HealthController.live': 'getLiveness',
  'HealthController.ready': 'getReadiness',
  'MetricsController.scrape': 'getMetrics',
  'StripeWebhookController.receive': 'receiveStripeWebhook',
  'SandboxInvoicesController.markUncollectible': 'markSandboxInvoiceUncollectible',
};

/** `listRuns`, `getRun`, `createAutomation`, `deleteRetryPolicy`; a method named for its object keeps its name. */
export function operationId(controller: string, method: string): string {
  const named = OPERATION_IDS[`${controller}.${method}`];
  if (named) return named;
  if (/[A-Z]/.test(method)) return method; // createProduct, attachPaymentMethod
  const plural = controller.replace(/Controller$/, '');
  const singular = plural.replace(/ies$/, 'y').replace(/s$/, '');
  return method === 'list' ? `list${plural}` : `${method === 'remove' ? 'delete' : method}${singular}`;
}

/** OpenAPI 3.0's `nullable` as 3.1 writes it: `null` among the types, or `anyOf` with `{type: 'null'}` for a reference. */
function toJsonSchemaNull(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchemaNull);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJsonSchemaNull(v)])) as Record<string, unknown>;
  if (nullable !== true) return rest;
  if (typeof rest.type === 'string') {
    return { ...rest, type: [rest.type, 'null'], ...(Array.isArray(rest.enum) && { enum: [...rest.enum, null] }) };
  }
  const { description, ...schema } = rest;
  return { ...(description !== undefined && { description }), anyOf: [schema, { type: 'null' }] };
}

/** Builds the OpenAPI 3.1 document from the controllers and the zod schemas; serves it at /openapi.json with a UI at /docs. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Billing automations')
    .setDescription('Dunning and billing automations on Temporal: ingestion, automations, runs, emails, analytics.')
    .setVersion('1')
    .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'An opaque admin API key from ADMIN_API_KEYS, as `Authorization: Bearer <key>`' })
    .build();
  const built = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  const document = toJsonSchemaNull(built) as OpenAPIObject;
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...zodComponents() } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
