import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../admin/pagination';
import type { EmailEntity } from '../../../common/database/entities/email.entity';
import { EMAIL_STATUSES } from '../../../../domain/statuses';

const nullableText = { type: String, nullable: true } as const;

/** An email of the outbox with its rendered content. */
@ObjectType('Email')
export class EmailResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty({ description: 'The step\'s idempotency key: one email per key' }) @Field() idempotencyKey: string;
  @ApiProperty({ ...nullableText, description: 'Workflow id of the run' }) @Field(() => String, { nullable: true }) runId: string | null;
  @ApiProperty() @Field() template: string;
  @ApiProperty({ type: [String] }) @Field(() => [String]) to: string[];
  @ApiProperty() @Field() from: string;
  @ApiProperty() @Field() subject: string;
  @ApiProperty() @Field() html: string;
  @ApiProperty() @Field() text: string;
  @ApiProperty({ enum: ['outbox', 'sendgrid'] }) @Field() provider: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) providerMessageId: string | null;
  @ApiProperty({ enum: EMAIL_STATUSES }) @Field() status: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) sentAt: string | null;
  @ApiProperty({ description: 'Send attempts that reached the provider call' }) @Field(() => Int) attempts: number;
  @ApiProperty({ ...nullableText, description: 'The admin key that last resent it' }) @Field(() => String, { nullable: true }) resentBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) resentAt: string | null;
}

/** A page of emails. */
export const EmailList = PageOf(EmailResource, 'Email');

/** The resource of a row. */
export function toEmailResource(m: EmailEntity): EmailResource {
  return {
    id: m.id, idempotencyKey: m.idempotencyKey, runId: m.runId, template: m.template, to: m.to, from: m.from, subject: m.subject,
    html: m.html, text: m.text, provider: m.provider, providerMessageId: m.providerMessageId, status: m.status, error: m.error,
    createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
    attempts: m.attempts, resentBy: m.resentBy, resentAt: m.resentAt?.toISOString() ?? null,
  };
}
