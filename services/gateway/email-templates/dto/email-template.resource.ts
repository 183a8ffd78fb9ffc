import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { EMAIL_LANGUAGES } from '../../../../domain/email-locale';
import type { StoredTemplate } from '../../../common/email-templates/email-template-store';
import { builtinTemplate } from '../../../common/email-templates/email-template-store';
import { templateVariables } from '../../../../activities/email/template-check';

/** The content of a version: subject, MJML body and text, all Handlebars. */
@InputType('EmailTemplateContentInput')
@ObjectType('EmailTemplateContent')
export class EmailTemplateContentDto {
  @ApiProperty({ example: 'Payment failed for invoice {{invoice.number}}' }) @Field() @IsString() @MinLength(1) @MaxLength(300) subject: string;
  @ApiProperty({ description: 'Handlebars over an MJML fragment', example: '<mj-text>Hi {{customer.name}},</mj-text>' }) @Field() @IsString() @MinLength(1) @MaxLength(50_000) body: string;
  @ApiProperty({ description: 'The plain-text part' }) @Field() @IsString() @MinLength(1) @MaxLength(50_000) text: string;
}

/** `POST /v1/email-templates/{name}/versions`: the next version of one language. */
@InputType('CreateEmailTemplateVersionInput')
export class CreateEmailTemplateVersionDto extends EmailTemplateContentDto {
  @ApiProperty({ enum: EMAIL_LANGUAGES }) @Field() @IsIn(EMAIL_LANGUAGES) language: string;
}

/** `POST /v1/email-templates/{name}/preview`. */
@InputType('PreviewEmailTemplateInput')
export class PreviewEmailTemplateDto {
  @ApiProperty({ enum: EMAIL_LANGUAGES, required: false, default: 'en' }) @Field({ nullable: true }) @IsOptional() @IsIn(EMAIL_LANGUAGES) language?: string;
  @ApiProperty({ required: false, description: 'A stored version; the current one when absent' }) @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @IsPositive() version?: number;
  @ApiProperty({ required: false, type: EmailTemplateContentDto, description: 'Unsaved content to try (checked as a save would be)' })
  @Field(() => EmailTemplateContentDto, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => EmailTemplateContentDto) content?: EmailTemplateContentDto;
  @ApiProperty({ required: false, description: "A run's id: render with its customer, invoice and subscription instead of sample data" })
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) runId?: string;
}

/** One version of one template in one language. */
@ObjectType('EmailTemplateVersion')
export class EmailTemplateVersionResource {
  @ApiProperty({ example: 'payment_failed' }) @Field() name: string;
  @ApiProperty({ enum: EMAIL_LANGUAGES }) @Field() language: string;
  @ApiProperty() @Field(() => Int) version: number;
  @ApiProperty({ enum: ['customer', 'team'] }) @Field() audience: string;
  @ApiProperty() @Field() description: string;
  @ApiProperty({ type: [String], description: 'Variables the template may use' }) @Field(() => [String]) variables: string[];
  @ApiProperty({ type: EmailTemplateContentDto }) @Field(() => EmailTemplateContentDto) content: EmailTemplateContentDto;
  @ApiProperty({ nullable: true, type: String, description: 'The admin key that saved it; null for the built-in' }) @Field(() => String, { nullable: true }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
}

/** `GET /v1/email-templates`, `GET …/{name}/versions`. */
@ObjectType('EmailTemplateVersionList')
export class EmailTemplateVersionList {
  @ApiProperty({ type: [EmailTemplateVersionResource] }) @Field(() => [EmailTemplateVersionResource]) data: EmailTemplateVersionResource[];
}

/** A rendered preview. */
@ObjectType('EmailTemplatePreview')
export class EmailTemplatePreviewResource {
  @ApiProperty() @Field() subject: string;
  @ApiProperty() @Field() html: string;
  @ApiProperty() @Field() text: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The stored version rendered; null for unsaved content' }) @Field(() => Int, { nullable: true }) version: number | null;
  @ApiProperty({ enum: ['sample', 'run'] }) @Field() data: string;
}

/** Stored version → resource. */
export function toEmailTemplateVersionResource(t: StoredTemplate): EmailTemplateVersionResource {
  const builtin = builtinTemplate(t.name)!;
  return {
    name: t.name, language: t.language, version: t.version, audience: builtin.audience, description: builtin.description,
    variables: templateVariables(builtin).sort(), content: t.content, createdBy: t.createdBy, createdAt: t.createdAt.toISOString(),
  };
}
