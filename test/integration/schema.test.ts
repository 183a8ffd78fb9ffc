import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { runMigrations } from '../../services/common/database/run-migrations';

describe('database schema', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('is exactly what the entities describe once migrated (no drift between migrations and entities)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has every migration applied, and migrating again is a no-op', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    await expect(runMigrations(process.env.DATABASE_URL!)).resolves.toEqual([]);
  });

  it('rejects a second event with the same provider event id', async () => {
    const insert = () =>
      dataSource.query(`INSERT INTO events (provider, provider_event_id, type, payload) VALUES ('stripe', 'evt_schema_dup', 'x', '{}')`);
    await insert();
    await expect(insert()).rejects.toThrow(/duplicate key/);
  });
});
