import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import type { RetryPolicy } from '../../../../domain/automation';
import type { RetryPolicyEntity } from '../../../common/database/entities/retry-policy.entity';
import { ApiSchemaProperty } from '../../admin/openapi-schemas';
import { PageOf } from '../../admin/pagination';
import { DescriptionField, NameField } from '../../admin/resource.fields';
import { GraphQLJSON } from '../../graphql/json.scalar';

const policyDoc = {
  description: '{ type: "smart", window: 1w|2w|3w|1m|2m, maxRetries: 1..8 } or { type: "custom", days: [1..60, …] (≤ 8) }; either may set backupPaymentMethods: true (after a soft decline on the default, try the customer\'s other cards)',
  example: { type: 'smart', window: '2m', maxRetries: 8 },
} as const;

/** `POST /v1/retry-policies`. */
@InputType('CreateRetryPolicyInput')
export class CreateRetryPolicyDto {
  @NameField({ doc: { example: 'Annual plans, 2 months' } }) name: string;
  @DescriptionField() description?: string;
  @ApiSchemaProperty('RetryPolicy', policyDoc) @Field(() => GraphQLJSON) @IsObject() policy: Record<string, unknown>;
}

/** `PATCH /v1/retry-policies/{id}`: versions created later resolve the new policy; existing ones keep theirs. */
@InputType('UpdateRetryPolicyInput')
export class UpdateRetryPolicyDto {
  @NameField({ optional: true }) name?: string;
  @DescriptionField() description?: string;
  @ApiSchemaProperty('RetryPolicy', { ...policyDoc, required: false }) @Field(() => GraphQLJSON, { nullable: true }) @IsOptional() @IsObject() policy?: Record<string, unknown>;
}

/** A named retry policy. */
@ObjectType('RetryPolicy')
export class RetryPolicyResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty() @Field() name: string;
  @ApiProperty() @Field() description: string;
  @ApiSchemaProperty('RetryPolicy', policyDoc) @Field(() => GraphQLJSON) policy: RetryPolicy;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @Field() updatedAt: string;
}

export const RetryPolicyList = PageOf(RetryPolicyResource, 'RetryPolicy');

/** Row → resource. */
export function toRetryPolicyResource(row: RetryPolicyEntity): RetryPolicyResource {
  return {
    id: row.id, name: row.name, description: row.description, policy: row.policy,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}
