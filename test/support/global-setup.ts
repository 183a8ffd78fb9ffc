import * as path from 'node:path';
import { reachableTempDir, startEmbeddedPostgres, type LocalPostgres } from '../../services/common/database/embedded-postgres';
import { runMigrations } from '../../services/common/database/run-migrations';
import { findFreePort } from '../../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../../services/common/temporal/dev-server';

/** What the global setup started, kept for the teardown (both run in Jest's parent process). */
export interface TestInfrastructure {
  postgres?: LocalPostgres;
  temporal?: LocalTemporal;
  dir: string;
}

declare global {
  var __testInfrastructure: TestInfrastructure | undefined;
}

/**
 * Starts a real PostgreSQL (embedded, in a temp dir) and a real Temporal dev server (in memory) once per Jest
 * run for the integration and e2e projects, migrates the database, and hands their addresses to the tests
 * through the environment. TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS use existing servers instead.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__testInfrastructure) return; // both projects name this setup: start things once
  const dir = reachableTempDir('dunning-test-');
  const infrastructure: TestInfrastructure = { dir };
  globalThis.__testInfrastructure = infrastructure;

  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    infrastructure.postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'postgres'),
      ephemeral: true,
      database: 'dunning_test',
      onNotice: (line) => process.stderr.write(`test setup: PostgreSQL: ${line}\n`),
    });
    databaseUrl = infrastructure.postgres.url;
  }
  await runMigrations(databaseUrl);

  let temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    infrastructure.temporal = await startTemporalDevServer({ port: await findFreePort(), namespace: 'default', headless: true });
    temporalAddress = infrastructure.temporal.address;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.TEMPORAL_ADDRESS = temporalAddress;
  process.env.TEMPORAL_NAMESPACE = 'default';
  process.env.LOG_LEVEL ??= 'warn';
}
