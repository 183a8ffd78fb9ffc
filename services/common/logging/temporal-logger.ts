import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/** The worker's start-up narration (webpack's bundle stats, core's worker set-up): debug, not info. */
const STARTUP_CHATTER = [/^asset workflow-bundle/, /webpack [\d.]+ compiled/, /^Workflow bundle created$/, /^Initializing worker$/, /^No Nexus services registered/];

function isStartupChatter(message: string): boolean {
  return STARTUP_CHATTER.some((pattern) => pattern.test(message));
}

/** Temporal's runtime logger (core, worker, workflow and activity logs) writing into the process's pino logger. */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const pinoLevel = level === 'INFO' && isStartupChatter(message) ? 'debug' : (LEVELS[level] ?? 'info');
    this.pino[pinoLevel](meta ?? {}, message);
  }

  trace(message: string, meta?: LogMetadata): void { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata): void { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata): void { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata): void { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata): void { this.log('ERROR', message, meta); }
}

/** The Temporal level matching a pino LOG_LEVEL (core's filter; the pino logger filters again). */
export function temporalLevel(level: string): LogLevel {
  const map: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN' };
  return map[level] ?? 'ERROR';
}
