import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../admin/pagination';
import type { EmailEntity } from '../../../common/database/entities/email.entity';

/** An email of the outbox with its rendered content. */
export class EmailResource {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The step\'s idempotency key: one email per key' }) idempotencyKey: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Workflow id of the run' }) runId: string | null;
  @ApiProperty() template: string;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty() from: string;
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['outbox', 'sendgrid'] }) provider: string;
  @ApiPropertyOptional({ type: String, nullable: true }) providerMessageId: string | null;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) sentAt: string | null;
}

/** A page of emails. */
export const EmailList = PageOf(EmailResource, 'OutboxEmail');

/** The resource of a row. */
export function toEmailResource(m: EmailEntity): EmailResource {
  return {
    id: m.id, idempotencyKey: m.idempotencyKey, runId: m.runId, template: m.template, to: m.to, from: m.from, subject: m.subject,
    html: m.html, text: m.text, provider: m.provider, providerMessageId: m.providerMessageId, status: m.status, error: m.error,
    createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
  };
}
