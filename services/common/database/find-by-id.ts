import type { EntityManager } from 'typeorm';
import { preparedStatement, queryPrepared, type PreparedStatement } from './prepared-statement';

/** An entity class with a single-column primary key. */
type EntityClass<E> = new () => E;

/** The two statements of each entity class, declared on first use. */
const byId = new WeakMap<EntityClass<unknown>, PreparedStatement>();
const byIds = new WeakMap<EntityClass<unknown>, PreparedStatement>();

/**
 * The entity's read by one id (`= $1`) or by an array of ids (`= ANY($1::type[])`), selecting every column as
 * its property name from the entity's TypeORM metadata (what `findOneBy` selects).
 */
function statementOf(manager: EntityManager, entity: EntityClass<unknown>, many: boolean): PreparedStatement {
  const cache = many ? byIds : byId;
  let statement = cache.get(entity);
  if (!statement) {
    const metadata = manager.connection.getMetadata(entity);
    if (metadata.primaryColumns.length !== 1) throw new Error(`${metadata.name} has no single-column primary key`);
    const [key] = metadata.primaryColumns;
    const select = metadata.columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    const where = many ? `"${key.databaseName}" = ANY($1::${String(key.type)}[])` : `"${key.databaseName}" = $1`;
    statement = preparedStatement(`find_${metadata.tableName}_by_${many ? 'ids' : 'id'}`, `SELECT ${select} FROM "${metadata.tableName}" WHERE ${where}`);
    cache.set(entity, statement);
  }
  return statement;
}

function entityOf<E>(entity: EntityClass<E>, row: object): E {
  return Object.assign(Object.create(entity.prototype) as E & object, row);
}

/**
 * `manager.findOneBy(entity, { id })` as a prepared statement: no query building per call, and PostgreSQL
 * plans it once per connection. For the reads every dispatched event makes.
 */
export async function findById<E>(manager: EntityManager, entity: EntityClass<E>, id: string): Promise<E | null> {
  const [row] = await queryPrepared<object>(manager, statementOf(manager, entity, false), [id]);
  return row ? entityOf(entity, row) : null;
}

/** The rows of these ids (in no particular order; missing ids are left out), as `findBy(entity, { id: In(ids) })`. */
export async function findByIds<E>(manager: EntityManager, entity: EntityClass<E>, ids: readonly string[]): Promise<E[]> {
  const rows = await queryPrepared<object>(manager, statementOf(manager, entity, true), [ids]);
  return rows.map((row) => entityOf(entity, row));
}
