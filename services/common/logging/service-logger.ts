import { Inject, Injectable } from '@nestjs/common';
import { Logger, PARAMS_PROVIDER_TOKEN, type Params, PinoLogger } from 'nestjs-pino';

/** Nest's own start-up narration ("dependencies initialized", "Mapped route …"): useful when debugging, noise otherwise. */
const STARTUP_CONTEXTS = new Set([
  'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'NestApplicationContext', 'GraphQLModule',
]);

/** nestjs-pino's Logger with Nest's start-up chatter moved from info to debug. */
@Injectable()
export class ServiceLogger extends Logger {
  constructor(logger: PinoLogger, @Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    super(logger, params);
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
