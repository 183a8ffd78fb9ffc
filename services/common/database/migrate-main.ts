import * as path from 'node:path';
import { loadConfig } from '../config/app.config';
import { runMain } from '../runtime/run-main';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './run-migrations';

/** `npm run migration:run`: migrates DATABASE_URL, or the embedded cluster under DATA_DIR when it is unset. */
runMain('migrate', async () => {
  const config = loadConfig();
  const local = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
  try {
    const applied = await runMigrations(config.databaseUrl ?? local!.url);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'No pending migrations\n');
  } finally {
    await local?.stop();
  }
});
