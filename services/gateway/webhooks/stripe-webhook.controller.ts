import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
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
  @ApiHeader({ name: 'stripe-signature', required: true, description: 'Stripe’s signature of the raw body' })
  @ApiBody({ description: 'A Stripe event object, exactly as Stripe sent it (the signature covers the raw bytes)', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({
    description: 'Stored, a redelivery (`duplicate`), or a type the engine does not use (`ignored` says why)',
    schema: {
      type: 'object', required: ['received', 'duplicate'],
      properties: { received: { type: 'boolean', enum: [true] }, duplicate: { type: 'boolean' }, ignored: { type: 'string' } },
    },
  })
  @ApiProblems.public(400, 413, 415, 429, 503)
  receive(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature?: string): Promise<StripeWebhookAck> {
    // Express parsed the body from these very bytes (the JSON parser fills both): the signature covers it.
    const parsed = req.rawBody && typeof req.body === 'object' && req.body !== null ? (req.body as unknown) : undefined;
    return this.webhooks.receive(req.rawBody, signature, parsed);
  }
}
