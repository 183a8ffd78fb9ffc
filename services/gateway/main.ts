import 'reflect-metadata';
import { loadConfig } from '../common/config/app.config';
import { assertPortFree } from '../common/runtime/ports';
import { runMain } from '../common/runtime/run-main';
import { reportReady } from '../common/runtime/supervision';
import { localUrl } from '../common/runtime/system-addresses';
import { startTracing } from '../common/telemetry/otel-sdk';
import { createGateway } from './create-gateway';

runMain('gateway', async () => {
  const config = loadConfig();
  await assertPortFree(config.port, 'gateway HTTP', 'stop what uses it or set PORT', config.host);
  startTracing(config, 'gateway');
  const app = await createGateway();
  await app.listen(config.port, config.host);
  reportReady({ detail: `listening on ${localUrl(config.port)} (${config.host})` });
});
