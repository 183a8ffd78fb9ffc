import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';

/** Decorators applied as if stacked above a property in this order (last first): errors keep their order. */
export const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...[...decorators].reverse());

/**
 * An optional field of an update: absent means "leave it as it is"; an explicit null is validated (and refused)
 * rather than written to a NOT NULL column.
 */
export const UnlessAbsent = () => ValidateIf((_o: unknown, value: unknown) => value !== undefined);

/** `name` of an automation or retry policy (REST and GraphQL): 1–200 characters; optional on updates. */
export const NameField = (options: { optional?: boolean; doc?: ApiPropertyOptions } = {}) =>
  options.optional
    ? stacked(ApiPropertyOptional(options.doc), Field({ nullable: true }), UnlessAbsent(), IsString(), Length(1, 200))
    : stacked(ApiProperty(options.doc), Field(), IsString(), Length(1, 200));

/**
 * `description` of an automation, retry policy or webhook endpoint: optional, at most 2,000 characters. A null
 * clears it: descriptions are text columns, empty when unset.
 */
export const DescriptionField = (doc?: ApiPropertyOptions) =>
  stacked(ApiPropertyOptional(doc), Field({ nullable: true }), Transform(({ value }: { value: unknown }) => (value === null ? '' : value)), IsOptional(), IsString(), MaxLength(2000));
