import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowStorage } from './fixed-window-storage';
import { GraphqlInputPlugin } from './graphql-input.plugin';
import { InputGuardMiddleware } from './input-guard.middleware';
import { JsonOnlyMiddleware } from './json-only.middleware';
import { RateLimitMiddleware } from './rate-limit.middleware';

/** What every request passes before a route sees it: the rate limit, JSON-only ingestion, the input limits. */
@Module({
  // A factory, so each app (and each test app) counts on its own.
  imports: [ThrottlerModule.forRootAsync({ useFactory: () => ({ throttlers: [], storage: new FixedWindowStorage() }) })],
  providers: [GraphqlInputPlugin],
})
export class IngressModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RateLimitMiddleware).forRoutes('*path');
    consumer.apply(JsonOnlyMiddleware).forRoutes(
      { path: 'webhooks/stripe', method: RequestMethod.POST },
      { path: 'v1/events', method: RequestMethod.POST },
    );
    consumer.apply(InputGuardMiddleware).forRoutes('*path');
  }
}
