import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../common/http/api-key.guard';
import { StripeWebhookService, type StripeWebhookAck } from './stripe-webhook.service';

/** `POST /webhooks/stripe`: authenticated by the Stripe signature, not an API key. */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  @Post('stripe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Signed Stripe events (docs/ingestion.md): 200 when stored, a redelivery or an ignored type' })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<StripeWebhookAck> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
