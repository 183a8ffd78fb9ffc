import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ServiceLogger } from '../common/logging/service-logger';
import { appConfig } from '../common/config/app.config';
import { AppModule } from './app.module';
import { hardenHttp } from './http-hardening';
import { useGraphqlHttpLimits } from './graphql/graphql-http.middleware';
import { useGraphiqlExplorer } from './graphql/explorer/graphiql-explorer';
import { setupOpenApi } from './openapi';

/** Creates the gateway application (used by main and by HTTP tests, so both run the same app). */
export async function createGateway(options: { logs?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    rawBody: true,
    // Throw instead of exiting the process on a start-up error: main reports it in one line, tests see it.
    abortOnError: false,
    logger: options.logs === false ? false : undefined,
  });
  if (options.logs !== false) app.useLogger(app.get(ServiceLogger));
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  // Security headers and CORS first, so they cover every answer, the explorer's and GraphQL's refusals included.
  hardenHttp(app, config);
  useGraphiqlExplorer(app, config);
  useGraphqlHttpLimits(app);
  // One JSON limit for every other route (webhooks included), replacing Nest's 100kb default; the raw body is kept
  // for Stripe's signature check. An oversized body becomes a 413 problem.
  app.useBodyParser('json', { limit: config.webhookMaxBody });
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
