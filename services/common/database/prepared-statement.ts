import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A statement of the hot paths (accepting an event, dispatching it), sent as a named prepared statement:
 * PostgreSQL parses and plans it once per connection, then reuses the plan. On the accept and dispatch
 * paths, parsing and planning cost PostgreSQL about as much as running the statements did.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

const names = new Set<string>();

/** Declares a statement once, at module load: a name means one text for the life of the process. */
export function preparedStatement(name: string, text: string): PreparedStatement {
  if (names.has(name)) throw new Error(`prepared statement ${name} declared twice`);
  names.add(name);
  return { name, text };
}

/**
 * Runs the statement on the manager's transaction when it has one, else on a pooled connection (as
 * `manager.query` does), and answers its rows. Errors are the driver's own (with PostgreSQL's `code`).
 */
export async function queryPrepared<T>(manager: EntityManager, statement: PreparedStatement, values: readonly unknown[]): Promise<T[]> {
  const config = { name: statement.name, text: statement.text, values: values as unknown[] };
  const runner = manager.queryRunner;
  if (runner && !runner.isReleased) {
    const connection = (await runner.connect()) as PoolClient;
    return (await connection.query(config)).rows as T[];
  }
  const pool = (manager.connection.driver as PostgresDriver).master as Pool;
  return (await pool.query(config)).rows as T[];
}
