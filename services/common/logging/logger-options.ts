import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app.config';
import { REDACT_PATHS, redactUrl } from './redaction';

/**
 * JSON logs with pino; credentials in headers and query parameters are redacted (redaction.ts), health and metrics probes are not logged. Answered
 * requests log at debug (a busy gateway would drown everything else at info), client errors at warn, server
 * errors at error.
 */
export function loggerParams(config: Pick<AppConfig, 'logLevel'>, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: config.logLevel,
      redact: REDACT_PATHS,
      serializers: { req: (req: { url?: string }) => ({ ...req, url: req.url && redactUrl(req.url) }) },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: () => ({ service: name }),
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
    },
  };
}
