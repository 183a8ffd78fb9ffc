import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../common/config/app.config';
import { AutomationCatalog } from './automation-catalog.service';
import { BILLING_PROVIDER, BillingProviderModule } from '../../../providers/billing/billing-provider.module';
import { BILLING_READER } from './billing-reader';
import { CardAttemptRecorder } from './card-attempt-recorder.service';
import { DISPATCHER_OPTIONS, dispatcherOptions } from './dispatcher.options';
import { EventDispatcher } from './event-dispatcher.service';
import { EventEnricher } from './event-enricher.service';
import { OutboxDrainer } from './outbox-drainer.service';
import { RunLauncher } from './run-launcher.service';
import { RunSignaler } from './run-signaler.service';

/**
 * The outbox dispatcher, running inside the gateway (or alone: dispatcher/main.ts). Needs the global
 * config, TypeORM and Temporal client modules.
 */
@Module({
  imports: [BillingProviderModule],
  providers: [
    { provide: DISPATCHER_OPTIONS, inject: [appConfig.KEY], useFactory: (config: ConfigType<typeof appConfig>) => dispatcherOptions(config) },
    { provide: BILLING_READER, useExisting: BILLING_PROVIDER },
    AutomationCatalog,
    EventEnricher,
    RunLauncher,
    RunSignaler,
    CardAttemptRecorder,
    EventDispatcher,
    OutboxDrainer,
  ],
  exports: [OutboxDrainer, EventDispatcher],
})
export class DispatcherModule {}
