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

  @ApiPropertyOptional({ example: '51', description: "For decline: the card network's response code (Visa 51, R1, …)" })
  @ValidateIf((o: ScriptedOutcomeDto) => o.networkDeclineCode !== undefined)
  @Matches(/^[A-Za-z0-9]{1,4}$/, { message: 'networkDeclineCode must be a network response code such as 51 or R1' })
  networkDeclineCode?: string;

  @ApiPropertyOptional({ example: '03', description: "For decline: the card network's advice code (Mastercard 03, 24, …)" })
  @ValidateIf((o: ScriptedOutcomeDto) => o.networkAdviceCode !== undefined)
  @Matches(/^[0-9]{2}$/, { message: 'networkAdviceCode must be a two-digit advice code such as 03 or 24' })
  networkAdviceCode?: string;
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
