import type { EntityManager } from 'typeorm';
import { preparedStatement, queryPrepared, type PreparedStatement } from './prepared-statement';

/** An entity class with a single-column primary key. */
type EntityClass<E> = new () => E;

const byId = new WeakMap<EntityClass<unknown>, PreparedStatement>();
const byIds = new WeakMap<EntityClass<unknown>, PreparedStatement>();

/** Every column as its property name, from the entity's TypeORM metadata (what `findOneBy` selects). */
function selectOf(manager: EntityManager, entity: EntityClass<unknown>): { select: string; table: string; key: string; keyType: string } {
  const metadata = manager.connection.getMetadata(entity);
  if (metadata.primaryColumns.length !== 1) throw new Error(`${metadata.name} has no single-column primary key`);
  const select = metadata.columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
  const [key] = metadata.primaryColumns;
  return { select, table: `"${metadata.tableName}"`, key: `"${key.databaseName}"`, keyType: String(key.type) };
}

function entityOf<E>(entity: EntityClass<E>, row: object): E {
  return Object.assign(Object.create(entity.prototype) as E & object, row);
}

/**
 * `manager.findOneBy(entity, { id })` as a prepared statement: no query building per call, and PostgreSQL
 * plans it once per connection. For the reads every dispatched event makes.
 */
export async function findById<E>(manager: EntityManager, entity: EntityClass<E>, id: string): Promise<E | null> {
  let statement = byId.get(entity);
  if (!statement) {
    const { select, table, key } = selectOf(manager, entity);
    statement = preparedStatement(`find_${table.slice(1, -1)}_by_id`, `SELECT ${select} FROM ${table} WHERE ${key} = $1`);
    byId.set(entity, statement);
  }
  const [row] = await queryPrepared<object>(manager, statement, [id]);
  return row ? entityOf(entity, row) : null;
}

/** The rows of these ids (in no particular order; missing ids are left out), as `findBy(entity, { id: In(ids) })`. */
export async function findByIds<E>(manager: EntityManager, entity: EntityClass<E>, ids: readonly string[]): Promise<E[]> {
  let statement = byIds.get(entity);
  if (!statement) {
    const { select, table, key, keyType } = selectOf(manager, entity);
    statement = preparedStatement(`find_${table.slice(1, -1)}_by_ids`, `SELECT ${select} FROM ${table} WHERE ${key} = ANY($1::${keyType}[])`);
    byIds.set(entity, statement);
  }
  const rows = await queryPrepared<object>(manager, statement, [ids]);
  return rows.map((row) => entityOf(entity, row));
}
