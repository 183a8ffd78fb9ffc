import { type DynamicModule, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { appConfig } from '../config/app.config';
import { loggerParams } from './logger-options';
import { ServiceLogger } from './service-logger';

@Module({})
class ServiceLoggerModule {}

/** pino logging for one service (`gateway`, `worker`), configured from the app config; `app.useLogger(app.get(ServiceLogger))`. */
export function serviceLoggerModule(service: string): DynamicModule {
  return {
    module: ServiceLoggerModule,
    global: true,
    imports: [
      LoggerModule.forRootAsync({
        inject: [appConfig.KEY],
        useFactory: (config: ConfigType<typeof appConfig>) => loggerParams(config, service),
      }),
    ],
    providers: [ServiceLogger],
    exports: [ServiceLogger],
  };
}
