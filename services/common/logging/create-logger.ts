import pino, { type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app.config';

import { REDACT_PATHS } from './redaction';

/** Pretty lines for a developer at a terminal; JSON in production and whenever stdout is not a TTY (files, pipes, containers). */
export function wantsPretty(env: AppConfig['env'], isTty = Boolean(process.stdout.isTTY)): boolean {
  return env !== 'production' && isTty;
}

/**
 * The one pino logger of a process: Nest, HTTP, the dispatcher and Temporal's runtime, workflow and activity
 * logs all write through it, so LOG_LEVEL governs every line and the format is the same.
 */
export function createLogger(
  config: Pick<AppConfig, 'logLevel' | 'env'>, service: string, isTty?: boolean, destination?: NodeJS.WritableStream,
): Logger {
  const options: LoggerOptions = { name: service, level: config.logLevel, base: { service }, redact: REDACT_PATHS };
  if (destination) return pino(options, destination); // a test capturing the lines
  if (!wantsPretty(config.env, isTty)) return pino(options);
  // The stream form (not a transport): synchronous, no worker thread, and the order of lines is kept.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as (o: object) => NodeJS.WritableStream;
  return pino(options, pretty({ colorize: true, sync: true, ignore: 'pid,hostname,service', messageKey: 'msg' }));
}
