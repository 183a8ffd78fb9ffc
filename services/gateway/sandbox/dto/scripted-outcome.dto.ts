import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

/** A decline code such as `insufficient_funds`. */
const IsDeclineCode = () => Matches(/^[a-z_]{3,60}$/, { message: 'declineCode must be a decline code such as insufficient_funds' });

/** One scripted charge outcome; a hard decline is a decline with a hard code such as `stolen_card`. */
export class ScriptedOutcomeDto {
  @ApiProperty({ enum: ['succeed', 'decline'] })
  @IsIn(['succeed', 'decline'])
  outcome: 'succeed' | 'decline';

  @ApiPropertyOptional({ example: 'insufficient_funds', description: 'Required for decline' })
  @ValidateIf((o: ScriptedOutcomeDto) => o.outcome === 'decline' || o.declineCode !== undefined)
  @IsString()
  @IsDeclineCode()
  declineCode?: string;
}

/** The default outcome fields shared by attaching and re-scripting a card. */
export class DefaultOutcomeDto {
  @ApiPropertyOptional({ enum: ['succeed', 'decline'], default: 'succeed' })
  @IsOptional()
  @IsIn(['succeed', 'decline'])
  outcome?: 'succeed' | 'decline';

  @ApiPropertyOptional({ example: 'card_declined', description: 'For decline; default generic_decline' })
  @IsOptional()
  @IsString()
  @IsDeclineCode()
  declineCode?: string;
}
