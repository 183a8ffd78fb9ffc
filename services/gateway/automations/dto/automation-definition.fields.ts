import { applyDecorators } from '@nestjs/common';
import { Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Allow, IsArray, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { ApiSchemaProperty } from '../../admin/openapi-schemas';
import { stacked } from '../../admin/resource.fields';
import { GraphQLJSON } from '../../graphql/json.scalar';

/*
 * The definition parts of an automation. Their shape is the domain's zod schema (`parseAutomationDefinition`),
 * which reports errors with paths such as `steps.1.policy.window`; the DTO only checks the outer type so that
 * there is one source of truth for the inside.
 */

const triggerDoc = {
  description: 'The trigger: { type } with `days` for invoice_overdue / invoice_due_date_upcoming / payment_method_expiring (N days before the end of the card\'s expiry month)',
  example: { type: 'subscription_payment_failed' },
} as const;

const filtersDoc = {
  description: 'A condition, or { all: [...] } / { any: [...] } of filters (nesting allowed); null or absent: every event',
  example: { all: [{ type: 'subscription_interval', interval: 'year' }] },
} as const;

const stepsDoc = {
  description:
    'Steps in order. `retry_payment` takes an inline `policy` or a `policyId` of a named retry policy, ' +
    'resolved into the version snapshot when the version is created',
  example: [{ type: 'retry_payment', policy: { type: 'smart', window: '2m', maxRetries: 8 } }, { type: 'wait', days: 7 }, { type: 'cancel_subscription' }],
} as const;

/** `trigger` (required on create). */
export const TriggerField = (optional = false) =>
  applyDecorators(
    ApiSchemaProperty('Trigger', { ...triggerDoc, required: !optional }),
    Field(() => GraphQLJSON, { nullable: optional }),
    ...(optional ? [IsOptional()] : []),
    IsObject(),
  );

/** `filters` (optional; null removes them on update). */
export const FiltersField = () => applyDecorators(ApiSchemaProperty('Filter', { ...filtersDoc, required: false, nullable: true }), Field(() => GraphQLJSON, { nullable: true }), IsOptional(), Allow());

/** `steps` (required on create). */
export const StepsField = (optional = false) =>
  applyDecorators(
    ApiSchemaProperty(['Step'], { ...stepsDoc, required: !optional, minItems: 1, maxItems: 50 }),
    Field(() => GraphQLJSON, { nullable: optional }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
  );

/** `priority` (optional on create and update; not part of a version): lower runs first within a trigger. */
export const PriorityField = (doc?: ApiPropertyOptions) =>
  stacked(ApiPropertyOptional(doc), Field(() => Int, { nullable: true }), IsOptional(), IsInt(), Min(0), Max(1_000_000));
