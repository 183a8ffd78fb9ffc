import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SandboxBillingProvider } from '../../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger } from '../../../providers/billing/sandbox/sandbox-ledger';
import { SandboxCatalogController } from './sandbox-catalog.controller';
import { SandboxCustomersController } from './sandbox-customers.controller';
import { SandboxInvoicesController } from './sandbox-invoices.controller';
import { SandboxReadsService } from './sandbox-reads.service';
import { SandboxService } from './sandbox.service';
import { SandboxOffMiddleware } from './sandbox-off.middleware';

/** `/v1/sandbox/...`: the sandbox billing ledger over HTTP, served with BILLING_PROVIDER=sandbox only (404 otherwise). */
@Module({
  controllers: [SandboxCustomersController, SandboxCatalogController, SandboxInvoicesController],
  providers: [
    { provide: SandboxLedger, inject: [DataSource], useFactory: (ds: DataSource) => new SandboxLedger(ds) },
    { provide: SandboxInvoices, inject: [DataSource], useFactory: (ds: DataSource) => new SandboxInvoices(ds) },
    { provide: SandboxBillingProvider, inject: [DataSource], useFactory: (ds: DataSource) => new SandboxBillingProvider(ds) },
    SandboxService,
    SandboxReadsService,
  ],
  exports: [SandboxService],
})
export class SandboxModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SandboxOffMiddleware).forRoutes('v1/sandbox', 'v1/sandbox/*path');
  }
}
