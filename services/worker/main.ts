import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '../common/config/app.config';
import { runMain } from '../common/runtime/run-main';
import { reportReady } from '../common/runtime/supervision';
import { WorkerModule } from './worker.module';

runMain('worker', async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const { temporal } = loadConfig();
  reportReady({ detail: `polling task queue ${temporal.taskQueue} on ${temporal.address} (${temporal.namespace})` });
});
