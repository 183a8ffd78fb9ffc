import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { stacked } from './resource.fields';
import { invalidFields } from './validation';

/** `limit` of a list page: 1 to 100 items (20 when absent); a query string is converted to a number first. */
export const PageLimit = () =>
  stacked(ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }), IsOptional(), TransformType(() => Number), IsInt(), Min(1), Max(100));

/** Cursor pagination (`limit`, `starting_after` = the last id of the previous page), as Stripe's lists. */
@ArgsType()
export class PageQuery {
  @PageLimit()
  @Field(() => Int, { nullable: true })
  limit?: number;

  @ApiPropertyOptional({ description: 'Id of the last item of the previous page' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  starting_after?: string;
}

/** One page of a list. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  /** Pass as `starting_after` to get the next page; null on the last page. */
  nextStartingAfter: string | null;
}

/** The list class of a resource, for OpenAPI and GraphQL (`AutomationList`, …). */
export function PageOf<T>(item: Type<T>, name: string): Type<Page<T>> {
  @ObjectType(`${name}List`)
  class List implements Page<T> {
    @ApiProperty({ type: [item] })
    @Field(() => [item])
    data: T[];

    @ApiProperty()
    @Field()
    hasMore: boolean;

    @ApiProperty({ type: String, nullable: true, description: 'Pass as starting_after for the next page' })
    @Field(() => String, { nullable: true })
    nextStartingAfter: string | null;
  }
  Object.defineProperty(List, 'name', { value: `${name}List` }); // the OpenAPI schema name
  return List;
}

/** How a table is paged: key columns (ending with the id) compared as a row, in one direction. */
export interface Keyset {
  alias: string;
  table: string;
  columns: string[];
  direction: 'ASC' | 'DESC';
}

/** Runs a keyset-paginated query: `limit + 1` rows tell whether there is more; unknown cursors are 422. */
export async function paginate<E extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<E>, keyset: Keyset, query: PageQuery, map: (row: E) => R & { id: string },
): Promise<Page<R & { id: string }>> {
  const limit = query.limit ?? 20;
  const { alias, table, columns, direction } = keyset;
  for (const column of columns) qb.addOrderBy(`${alias}.${column}`, direction);
  if (query.starting_after !== undefined) {
    const found = await qb.connection.query(`SELECT 1 FROM ${table} WHERE id::text = $1`, [query.starting_after]);
    if (!found.length) throw invalidFields([{ path: 'starting_after', message: 'no item with this id' }], 'Unknown cursor');
    // Compared in SQL: timestamps have microseconds, a JS Date only milliseconds.
    const own = columns.map((c) => `${alias}.${c}`).join(', ');
    const cursor = columns.map((c) => `k.${c}`).join(', ');
    qb.andWhere(`(${own}) ${direction === 'ASC' ? '>' : '<'} (SELECT ${cursor} FROM ${table} k WHERE k.id::text = :cursor)`, { cursor: query.starting_after });
  }
  const rows = await qb.limit(limit + 1).getMany();
  const data = rows.slice(0, limit).map(map);
  const hasMore = rows.length > limit;
  return { data, hasMore, nextStartingAfter: hasMore ? data[data.length - 1].id : null };
}
