import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/**
 * Baseline of the webhook latency: a minimal Nest app (same platform, Express, and JSON parser) with one POST
 * route that stores nothing. Run as its own process: `node dist/bench/bare-nest-server.js` with BENCH_PORT.
 */
@Controller('webhooks')
class BareController {
  @Post('stripe')
  @HttpCode(200)
  receive(@Body() body: { id?: string }): { received: true; id?: string } {
    return { received: true, id: body.id };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false, rawBody: true });
  app.useBodyParser('json', { limit: '512kb' }); // as createGateway
  app.enableShutdownHooks();
  await app.listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`bare-nest-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
