import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { BillingEventEntity, OutboxEntryEntity } from '../../services/common/database/entities';
import { recordEvent } from '../../services/common/events/record-event';

describe('recordEvent', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => dataSource?.destroy());

  it('stores the event with its payload and one outbox row, and ignores a redelivery', async () => {
    const event = { provider: 'stripe', providerEventId: 'evt_record_1', type: 'invoice.paid', payload: { id: 'evt_record_1', nested: { a: [1, 'x'] } } };
    const first = await recordEvent(dataSource.manager, event);
    const second = await recordEvent(dataSource.manager, { ...event, payload: { changed: true } });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ eventId: first.eventId, duplicate: true, samePayload: false });
    await expect(recordEvent(dataSource.manager, event)).resolves.toEqual({ eventId: first.eventId, duplicate: true, samePayload: true });
    const row = await dataSource.manager.findOneByOrFail(BillingEventEntity, { id: first.eventId });
    expect(row).toMatchObject({ provider: 'stripe', type: 'invoice.paid', status: 'received', payload: event.payload });
    expect(await dataSource.manager.countBy(OutboxEntryEntity, { eventId: first.eventId })).toBe(1);
  });

  it('stores nothing when the transaction cannot complete', async () => {
    const bad = { provider: 'stripe', providerEventId: 'evt_record_bad', type: 'x', payload: { text: 'nul \u0000 byte' } };
    await expect(recordEvent(dataSource.manager, bad)).rejects.toThrow();
    expect(await dataSource.manager.countBy(BillingEventEntity, { providerEventId: 'evt_record_bad' })).toBe(0);
  });
});
