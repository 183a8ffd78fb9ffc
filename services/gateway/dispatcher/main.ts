import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceLogger } from '../../common/logging/service-logger';
import { AppConfigModule } from '../../common/config/config.module';
import { DatabaseModule } from '../../common/database/database.module';
import { serviceLoggerModule } from '../../common/logging/logger.module';
import { runMain } from '../../common/runtime/run-main';
import { loadConfig } from '../../common/config/app.config';
import { startTracing } from '../../common/telemetry/otel-sdk';
import { TemporalModule } from '../../common/temporal/temporal.module';
import { DispatcherModule } from './dispatcher.module';
import { OutboxDrainer } from './outbox-drainer.service';

/** The dispatcher without HTTP, for deployments that scale it apart from the gateway. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('dispatcher'),
    DatabaseModule,
    TemporalModule,
    DispatcherModule,
  ],
})
class DispatcherMainModule {}

runMain('dispatcher', async () => {
  startTracing(loadConfig(), 'dispatcher');
  const app = await NestFactory.createApplicationContext(DispatcherMainModule, { bufferLogs: true });
  app.useLogger(app.get(ServiceLogger));
  app.enableShutdownHooks();
  await app.init();
  // Run standalone, it dispatches whatever DISPATCHER_ENABLED says (that flag keeps the gateway from doing it too).
  app.get(OutboxDrainer).start();
});
