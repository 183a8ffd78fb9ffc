import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TRIGGER_TYPES, type TriggerType } from '../../../../domain/automation';
import { AUTOMATION_STATUSES, type AutomationStatus } from '../../../../domain/statuses';
import { PageQuery } from '../../admin/pagination';

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
