import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { appConfig } from '../config/app.config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM connection to `DATABASE_URL`; migrations are run by the process that starts the system. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => {
        if (!config.databaseUrl) {
          throw new Error('DATABASE_URL is unset: start the whole system with `make up`, or point DATABASE_URL at PostgreSQL');
        }
        return { ...dataSourceOptions(config.databaseUrl), retryAttempts: 3, retryDelay: 1_000 };
      },
    }),
  ],
})
export class DatabaseModule {}
