import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '../../common/config/app.config';
import { AppConfigModule } from '../../common/config/config.module';
import { DatabaseModule } from '../../common/database/database.module';
import { serviceLoggerModule } from '../../common/logging/logger.module';
import { assertPortFree } from '../../common/runtime/ports';
import { runMain } from '../../common/runtime/run-main';
import { TemporalModule } from '../../common/temporal/temporal.module';
import { HealthModule } from '../health/health.module';
import { DispatcherModule } from './dispatcher.module';
import { OutboxDrainer } from './outbox-drainer.service';

/** The dispatcher without the gateway's API, for deployments that scale it apart: only /health on its own port. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('dispatcher'),
    DatabaseModule,
    TemporalModule,
    HealthModule,
    DispatcherModule,
  ],
})
class DispatcherMainModule {}

runMain('dispatcher', async () => {
  const config = loadConfig();
  const port = config.deploy.dispatcherHttpPort;
  await assertPortFree(port, 'dispatcher health', 'stop what uses it or set DISPATCHER_HTTP_PORT', config.host);
  const app = await NestFactory.create(DispatcherMainModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(port, config.host);
  // Run standalone, it dispatches whatever DISPATCHER_ENABLED says (that flag keeps the gateway from doing it too).
  app.get(OutboxDrainer).start();
});
