import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app.config';

/** JSON logs with pino; secrets in headers are redacted, health and metrics probes are not logged. */
export function loggerParams(config: Pick<AppConfig, 'logLevel'>, name: string): Params {
  return {
    pinoHttp: {
      name,
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["stripe-signature"]', 'req.headers.cookie'],
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: () => ({ service: name }),
    },
  };
}
