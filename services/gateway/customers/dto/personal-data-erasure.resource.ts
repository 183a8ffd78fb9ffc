import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** What one erasure of a customer's personal data removed, per store (0 everywhere: nothing was left to erase). */
@ObjectType('PersonalDataErasure')
export class PersonalDataErasureResource {
  @ApiProperty({ example: 'cus_NffrFeUfNV2Hib' }) @Field() customerId: string;
  @ApiProperty({ format: 'date-time' }) @Field() erasedAt: string;
  @ApiProperty({ description: 'The admin key (by name) that asked, as recorded in the audit log' }) @Field() erasedBy: string;
  @ApiProperty({ description: 'Stored events whose payload lost names, email addresses, phones, addresses and metadata (ids, amounts, statuses stay)' })
  @Field(() => Int)
  events: number;
  @ApiProperty({ description: 'Emails (of the customer\'s runs, or to an address of theirs) whose recipients, subject and bodies were erased' })
  @Field(() => Int)
  emails: number;
  @ApiProperty({ description: 'Run steps whose recorded email recipients were erased' }) @Field(() => Int) runSteps: number;
  @ApiProperty({ description: 'Sandbox ledger rows (the customer, their invoices and subscriptions) whose name, email or metadata were erased' })
  @Field(() => Int)
  sandboxRows: number;
  @ApiProperty({ description: 'The customer\'s runs: kept, without personal data (status, amounts and times are the analytics)' })
  @Field(() => Int)
  runsKept: number;
}
