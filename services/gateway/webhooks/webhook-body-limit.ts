import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { appConfig } from '../../common/config/app.config';

/**
 * Installs the JSON body parser with `WEBHOOK_MAX_BODY` (Nest's default is 100kb) and the raw body kept
 * for signature checks; a larger body becomes a 413 problem (body-parser's `entity.too.large`).
 */
export function installJsonBodyLimit(adapter: ExpressAdapter, limit: string): void {
  adapter.useBodyParser('json', true, { limit });
}

/**
 * Runs while NestFactory.create instantiates providers, i.e. before `app.init()` registers the default
 * parsers, which skip a `jsonParser` that is already installed. Without an HTTP adapter yet (testing
 * modules), call `installJsonBodyLimit` on the app's adapter before `init()`.
 */
@Injectable()
export class WebhookBodyLimit {
  constructor(adapterHost: HttpAdapterHost, @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>) {
    const adapter = adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (adapter?.useBodyParser) installJsonBodyLimit(adapter, config.webhookMaxBody);
    else new Logger('webhooks').debug('No HTTP adapter yet: the JSON body limit is left to the caller');
  }
}
