import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookDeliveryEntity } from '../../common/database/entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../../common/database/entities/webhook-endpoint.entity';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsResolver } from './webhook-endpoints.resolver';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Registered outbound endpoints (REST + GraphQL) and the loop that delivers their events. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity, WebhookDeliveryEntity])],
  controllers: [WebhookEndpointsController],
  providers: [WebhookEndpointsService, WebhookEndpointsResolver, WebhookDeliveryService],
  exports: [WebhookDeliveryService],
})
export class WebhookEndpointsModule {}
