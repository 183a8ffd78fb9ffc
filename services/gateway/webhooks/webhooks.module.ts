import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';

/** Provider webhooks (Stripe today): verify, validate, store with an outbox row, answer 2xx. */
@Module({
  imports: [EventsModule],
  controllers: [StripeWebhookController],
  providers: [StripeWebhookService],
})
export class WebhooksModule {}
