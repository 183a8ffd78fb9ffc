import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { EmailsController } from './emails.controller';
import { EmailsService } from './emails.service';

/** `GET /v1/emails` over the outbox table. */
@Module({ imports: [TypeOrmModule.forFeature([EmailEntity])], controllers: [EmailsController], providers: [EmailsService] })
export class EmailsModule {}
