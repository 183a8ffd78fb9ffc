import { Module } from '@nestjs/common';
import { CardsController } from './cards.controller';
import { CardsResolver } from './cards.resolver';
import { CardsService } from './cards.service';

/** Cards (REST + GraphQL): the card attempt log and budgets. */
@Module({
  controllers: [CardsController],
  providers: [CardsService, CardsResolver],
})
export class CardsModule {}
