import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailProviderModule } from '../../../providers/email/email-provider.module';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { EmailsController } from './emails.controller';
import { EmailsResolver } from './emails.resolver';
import { EmailsService } from './emails.service';

/** The outbox table, read through REST (`/v1/emails`) and GraphQL; an ambiguous send is resent from here. */
@Module({
  imports: [TypeOrmModule.forFeature([EmailEntity]), EmailProviderModule],
  controllers: [EmailsController],
  providers: [EmailsService, EmailsResolver],
})
export class EmailsModule {}
