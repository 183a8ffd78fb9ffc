import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import { appConfig } from '../config/app.config';
import { shutdownTracing } from '../telemetry/otel-sdk';
import { workflowClientInterceptors } from './client-interceptors';
import { temporalConnectionOptions } from './connection-options';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/**
 * gRPC's reconnect backoff grows to 2 minutes during an outage, and calls wait for it even after the server
 * is back: capped at 2 s, the dispatcher resumes within seconds of Temporal's return.
 */
export const CLIENT_CHANNEL_ARGS = { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 2_000 };

/** A lazily connected Temporal client: the gateway must start (and accept events) while Temporal is down. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => {
        if (!config.temporal.address) {
          throw new Error('TEMPORAL_ADDRESS is unset: start the whole system with `make up`, or point TEMPORAL_ADDRESS at a cluster');
        }
        return Connection.lazy({ ...temporalConnectionOptions(config.temporal, config.temporal.address), channelArgs: CLIENT_CHANNEL_ARGS });
      },
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, appConfig.KEY],
      useFactory: (connection: Connection, config: ConfigType<typeof appConfig>) =>
        new Client({ connection, namespace: config.temporal.namespace, interceptors: { workflow: workflowClientInterceptors() } }),
    },
  ],
  exports: [TEMPORAL_CONNECTION, Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
    await shutdownTracing(); // last: the spans of the requests just finished are exported
  }
}
