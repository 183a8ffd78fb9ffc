import type { INestApplication } from '@nestjs/common';
import { createGateway } from '../../services/gateway/create-gateway';
import { postStripeWebhook, stripeSignature, WEBHOOK_SECRETS } from '../support/ingestion-app';
import { stripeEvent } from '../../testkit/stripe-events';

/** The webhook route in the real gateway (createGateway): public, raw body kept, WEBHOOK_MAX_BODY applied. */
describe('POST /webhooks/stripe in the assembled gateway', () => {
  let app: INestApplication;
  const post = (body: string, signature: string) => postStripeWebhook(app, body, signature);

  beforeAll(async () => {
    process.env.STRIPE_WEBHOOK_SECRETS = WEBHOOK_SECRETS.join(',');
    app = await createGateway({ logs: false });
    await app.init();
  });
  afterAll(() => app?.close());

  it('needs no API key and verifies the signature over the raw body', async () => {
    const body = JSON.stringify(stripeEvent('charge.refunded'), null, 2); // re-serialising would break the signature
    const res = await post(body, stripeSignature(body)).expect(200);
    expect(res.body).toMatchObject({ received: true, ignored: expect.any(String) });
  });

  it('reads bodies above the 100kb default up to WEBHOOK_MAX_BODY, and answers 413 problem+json above it', async () => {
    const padded = (size: number) => JSON.stringify({ ...stripeEvent('charge.refunded'), padding: 'x'.repeat(size) });
    // Over 100kb but under 512kb: parsed, so the (deliberately wrong) signature is what fails.
    expect((await post(padded(200_000), 't=1,v1=00')).status).toBe(400);
    const res = await post(padded(600_000), 't=1,v1=00').expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
