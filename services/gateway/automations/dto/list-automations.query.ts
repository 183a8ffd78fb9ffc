import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TRIGGER_TYPES, type TriggerType } from '../../../../domain/automation';
import type { AutomationStatus } from '../../../common/database/entities/automation.entity';
import { PageQuery } from '../../admin/pagination';
import { AUTOMATION_STATUSES } from './create-automation.dto';

/** `GET /v1/automations`: in matching order (trigger, priority), filtered by trigger and status. */
@ArgsType()
export class ListAutomationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TRIGGER_TYPES })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(TRIGGER_TYPES)
  trigger?: TriggerType;

  @ApiPropertyOptional({ enum: AUTOMATION_STATUSES })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(AUTOMATION_STATUSES)
  status?: AutomationStatus;
}
