import { Module } from '@nestjs/common';
import { BillingProviderModule } from '../../../providers/billing/billing-provider.module';
import { EmailTemplatesController } from './email-templates.controller';
import { EmailTemplatesResolver } from './email-templates.resolver';
import { EmailTemplatesService } from './email-templates.service';

/** The versioned email templates through REST (`/v1/email-templates`) and GraphQL. */
@Module({
  imports: [BillingProviderModule],
  controllers: [EmailTemplatesController],
  providers: [EmailTemplatesService, EmailTemplatesResolver],
})
export class EmailTemplatesModule {}
