import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app.config';
import { requestIdOf } from '../telemetry/request-context';
import { createLogger } from './create-logger';

/**
 * nestjs-pino over the process's pino logger (see createLogger: redaction, level, pretty or JSON); health and
 * metrics probes are not logged. Answered requests log at debug (a busy gateway would drown everything else at
 * info), client errors at warn, server errors at error.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel' | 'env'>, name: string): Params {
  return {
    pinoHttp: {
      logger: createLogger(config, name),
      genReqId: requestIdOf,
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    },
  };
}
