import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { BillingEventEntity, SandboxCustomerEntity } from '../../services/common/database/entities';
import { findById, findByIds } from '../../services/common/database/find-by-id';
import { preparedStatement, queryPrepared } from '../../services/common/database/prepared-statement';

describe('prepared statements', () => {
  let dataSource: DataSource;
  const count = preparedStatement('test_count_customers_like', 'SELECT count(*)::int AS n FROM sandbox_customers WHERE id LIKE $1');

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('are prepared on the connection, and run inside the caller’s transaction when there is one', async () => {
    const id = `cus_prep_${randomUUID()}`;
    await expect(dataSource.transaction(async (tx) => {
      await tx.insert(SandboxCustomerEntity, { id, email: 'a@example.com', name: 'A', metadata: { plan: 'gold' } });
      // The uncommitted row is seen: the statement ran on the transaction's own connection.
      expect(await queryPrepared(tx, count, [id])).toEqual([{ n: 1 }]);
      const prepared: { name: string }[] = await tx.query('SELECT name FROM pg_prepared_statements');
      expect(prepared.map((p) => p.name)).toContain('test_count_customers_like');
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await queryPrepared(dataSource.manager, count, [id])).toEqual([{ n: 0 }]);
  });

  it('refuse a second declaration of a name', () => {
    expect(() => preparedStatement('test_count_customers_like', 'SELECT 1')).toThrow(/declared twice/);
  });

  it('findById and findByIds answer what findOneBy and findBy do, as entities', async () => {
    const ids = [`cus_prep_${randomUUID()}`, `cus_prep_${randomUUID()}`];
    await dataSource.manager.insert(SandboxCustomerEntity, ids.map((id, i) => ({ id, email: `${i}@example.com`, name: null, metadata: { i: String(i) }, defaultPaymentMethodId: i ? 'pm_1' : null })));
    const viaTypeorm = await dataSource.manager.findOneByOrFail(SandboxCustomerEntity, { id: ids[1] });
    const ours = await findById(dataSource.manager, SandboxCustomerEntity, ids[1]);
    expect(ours).toBeInstanceOf(SandboxCustomerEntity);
    expect(ours).toEqual(viaTypeorm);
    expect(await findById(dataSource.manager, SandboxCustomerEntity, 'cus_missing')).toBeNull();
    const both = await findByIds(dataSource.manager, SandboxCustomerEntity, [...ids, 'cus_missing']);
    expect(both.map((c) => c.id).sort()).toEqual([...ids].sort());

    const [event] = await dataSource.manager.save(BillingEventEntity, [{ provider: 'stripe', providerEventId: `evt_prep_${randomUUID()}`, type: 'invoice.paid', payload: { a: [1] } }]);
    const [read] = await findByIds(dataSource.manager, BillingEventEntity, [event.id]);
    expect(read).toEqual(await dataSource.manager.findOneByOrFail(BillingEventEntity, { id: event.id }));
    expect(read.receivedAt).toBeInstanceOf(Date);
  });
});
