import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { EventsController } from './events.controller';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { IngestService } from './ingest.service';

/** Event intake (shared with webhooks) and the event log (REST + GraphQL). */
@Module({
  imports: [TypeOrmModule.forFeature([BillingEventEntity])],
  controllers: [EventsController],
  providers: [EventsService, IngestService, EventsResolver],
  exports: [IngestService],
})
export class EventsModule {}
