import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

/** What a DELETE answers. */
@ObjectType('Deleted')
export class DeletedResource {
  @ApiProperty() @Field(() => ID) id: string;
  @ApiProperty({ enum: [true] }) @Field() deleted: boolean;
}
