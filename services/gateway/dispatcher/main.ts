import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServiceLogger } from '../../common/logging/service-logger';
import { AppConfigModule } from '../../common/config/config.module';
import { DatabaseModule } from '../../common/database/database.module';
import { serviceLoggerModule } from '../../common/logging/logger.module';
import { assertPortFree } from '../../common/runtime/ports';
import { runMain } from '../../common/runtime/run-main';
import { loadConfig } from '../../common/config/app.config';
import { startTracing } from '../../common/telemetry/otel-sdk';
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
  startTracing(config, 'dispatcher');
  const port = config.deploy.dispatcherHttpPort;
  await assertPortFree(port, 'dispatcher health', 'stop what uses it or set DISPATCHER_HTTP_PORT', config.host);
  const app = await NestFactory.create(DispatcherMainModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(ServiceLogger));
  app.enableShutdownHooks();
  await app.listen(port, config.host);
  // Run standalone, it dispatches whatever DISPATCHER_ENABLED says (that flag keeps the gateway from doing it too).
  app.get(OutboxDrainer).start();
});
