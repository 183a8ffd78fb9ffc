import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { BILLING_ACCESS } from '../../../providers/billing/billing-provider.module';
import type { BillingAccessMonitor } from '../../../providers/billing/billing-access';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { appConfig } from '../../common/config/app.config';
import { metricsRegistry } from '../../common/metrics/metrics-registry';
import { TemporalWorkerService } from '../temporal-worker.service';
import { sdkMetricsText } from './temporal-runtime';

/**
 * The worker's own HTTP port: `/health/live` (the process answers), `/health/ready` (PostgreSQL answers, the billing provider accepts our credentials and the
 * Temporal worker polls) and `/metrics` (this process's registry followed by the Temporal SDK's core metrics).
 */
@Injectable()
export class WorkerHttpService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('worker-http');
  private server?: Server;

  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worker: TemporalWorkerService,
    @Inject(BILLING_ACCESS) private readonly billing: BillingAccessMonitor,
  ) {}

  /** The port it listens on (the chosen one when configured as 0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => {
      void this.answer(req.url ?? '/').then(({ status, type, body }) => {
        res.writeHead(status, { 'Content-Type': type }).end(body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.worker.httpPort, this.config.host, () => resolve());
    });
    this.server = server;
    this.logger.log({ port: this.port }, 'Worker health and metrics listening');
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }

  private async answer(url: string): Promise<{ status: number; type: string; body: string }> {
    const json = (status: number, body: unknown) => ({ status, type: 'application/json', body: JSON.stringify(body) });
    const path = url.split('?')[0];
    if (path === '/health/live') return json(200, { status: 'ok' });
    if (path === '/health/ready') {
      const access = this.billing.state;
      const details = { postgres: await this.postgresUp(), temporal: this.worker.state() === 'RUNNING', billing: access.status !== 'refused' };
      const ready = details.postgres && details.temporal && details.billing;
      return json(ready ? 200 : 503, { status: ready ? 'ok' : 'error', details, ...(access.status === 'refused' && { billing: access.reason }) });
    }
    if (path === '/metrics') {
      const text = `${await metricsRegistry.metrics()}\n${await sdkMetricsText()}`;
      return { status: 200, type: metricsRegistry.contentType, body: text };
    }
    return { status: 404, type: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }) };
  }

  private async postgresUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
