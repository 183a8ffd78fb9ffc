import * as path from 'node:path';
import { parseDatabaseEnv } from '../config/app.config';
import { runMain } from '../runtime/run-main';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './run-migrations';

/**
 * Migrates DATABASE_URL, or the embedded cluster under DATA_DIR when it is unset (development only: the embedded
 * PostgreSQL package is optional and absent from the production image). Reads only the database settings.
 */
runMain('migrate', async () => {
  const config = parseDatabaseEnv(process.env);
  const local = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  try {
    const applied = await runMigrations(config.databaseUrl ?? local!.url);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await local?.stop();
  }
});
