import { Module } from '@nestjs/common';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataResolver } from './personal-data.resolver';
import { PersonalDataService } from './personal-data.service';

/** Customers (REST + GraphQL): erasure of their personal data. */
@Module({
  controllers: [PersonalDataController],
  providers: [PersonalDataService, PersonalDataResolver],
})
export class CustomersModule {}
