import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EMAIL_TEMPLATE_NAMES } from '../../../../domain/email-templates';
import { EMAIL_STATUSES } from '../../../../domain/statuses';
import { PageQuery } from '../../admin/pagination';

/** `GET /v1/emails` (and GraphQL `emails`): newest first, filtered by run, template, recipient and status. */
@ArgsType()
export class ListEmailsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The run (workflow id) that sent them' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  runId?: string;

  @ApiPropertyOptional({ enum: EMAIL_TEMPLATE_NAMES })
  @Field({ nullable: true })
  @IsOptional()
  @IsIn(EMAIL_TEMPLATE_NAMES)
  template?: string;

  @ApiPropertyOptional({ format: 'email', description: 'A recipient address (case-insensitive)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsEmail()
  to?: string;

  @ApiPropertyOptional({ enum: EMAIL_STATUSES, description: '`unknown`: sends whose outcome is not known (resend them explicitly)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsIn(EMAIL_STATUSES)
  status?: string;
}
