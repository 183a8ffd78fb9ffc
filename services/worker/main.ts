import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../common/config/app.config';
import { createLogger } from '../common/logging/create-logger';
import { ServiceLogger } from '../common/logging/service-logger';
import { runMain } from '../common/runtime/run-main';
import { reportReady } from '../common/runtime/supervision';
import { startTracing } from '../common/telemetry/otel-sdk';
import { installTemporalRuntime } from './telemetry/temporal-runtime';
import { WorkerModule } from './worker.module';

runMain('worker', async () => {
  const config = loadConfig();
  startTracing(config, 'worker');
  installTemporalRuntime(config, createLogger(config, 'worker'), config.worker.temporalMetricsBind);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(ServiceLogger));
  app.enableShutdownHooks();
  await app.init();
  const { temporal } = config;
  reportReady({ detail: `polling task queue ${temporal.taskQueue} on ${temporal.address} (${temporal.namespace})` });
});
