import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { CardAttemptsResource } from './dto/card-attempts.resource';
import { CardsService } from './cards.service';

/** `/v1/cards`: each physical card's attempt log and retry budgets. */
@ApiTags('cards')
@ApiBearerAuth()
@Controller('v1/cards')
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  @Get(':fingerprint/attempts')
  @ApiOperation({ summary: 'Every attempt on the card (any run, the provider\'s own), its codes and class, and the budget left under each network rule now' })
  @ApiOkResponse({ type: CardAttemptsResource })
  @ApiProblems(404)
  attempts(@Param('fingerprint') fingerprint: string) {
    return this.cards.attempts(fingerprint);
  }
}
