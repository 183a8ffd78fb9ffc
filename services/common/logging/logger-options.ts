import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app.config';
import { requestIdOf } from '../telemetry/request-context';
import { createLogger } from './create-logger';
import { redactRequest } from './redaction';

/**
 * nestjs-pino over the process's pino logger (see createLogger: level, pretty or JSON, and the credential
 * redaction of redaction.ts); health and metrics probes are not logged; URLs are logged with credentials in
 * query parameters masked and credential headers censored (redactRequest). Answered requests log at debug (a busy gateway would drown everything else at
 * info), client errors at warn, server errors at error.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel' | 'env'>, name: string, destination?: NodeJS.WritableStream): Params {
  return {
    pinoHttp: {
      logger: createLogger(config, name, undefined, destination),
      genReqId: requestIdOf,
      serializers: { req: redactRequest },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    },
  };
}
