import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { EmailsController } from './emails.controller';
import { EmailsResolver } from './emails.resolver';
import { EmailsService } from './emails.service';

/** The outbox table, read through REST (`/v1/emails`) and GraphQL. */
@Module({
  imports: [TypeOrmModule.forFeature([EmailEntity])],
  controllers: [EmailsController],
  providers: [EmailsService, EmailsResolver],
})
export class EmailsModule {}
