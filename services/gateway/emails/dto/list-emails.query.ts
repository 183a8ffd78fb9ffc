import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EMAIL_TEMPLATE_NAMES } from '../../../../domain/email-templates';
import { PageQuery } from '../../admin/pagination';

/** Query of `GET /v1/emails`. */
export class ListEmailsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The run (workflow id) that sent them' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  runId?: string;

  @ApiPropertyOptional({ enum: EMAIL_TEMPLATE_NAMES })
  @IsOptional()
  @IsIn(EMAIL_TEMPLATE_NAMES)
  template?: string;

  @ApiPropertyOptional({ description: 'A recipient address (case-insensitive)' })
  @IsOptional()
  @IsEmail()
  to?: string;

  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed'])
  status?: string;
}
