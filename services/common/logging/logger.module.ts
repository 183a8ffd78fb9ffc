import type { DynamicModule } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { appConfig } from '../config/app.config';
import { loggerParams } from './logger-options';

/** pino JSON logging for one service (`gateway`, `worker`), configured from the app config. */
export function serviceLoggerModule(service: string): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [appConfig.KEY],
    useFactory: (config: ConfigType<typeof appConfig>) => loggerParams(config, service),
  });
}
