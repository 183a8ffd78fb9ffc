import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { normalizeGenericEvent } from '../../../domain/normalize';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import type { RecordedEvent } from '../../common/events/record-event';
import { paginate, type Page } from '../admin/pagination';
import { notFound, requireUuid } from '../admin/problems';
import { invalidFields } from '../admin/validation';
import { toEventResource, type EventResource } from './dto/event.resource';
import type { ListEventsQuery } from './dto/list-events.query';
import { IngestService } from './ingest.service';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

/** Generic event intake and the event log of the admin API (REST and GraphQL). */
@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(BillingEventEntity) private readonly events: Repository<BillingEventEntity>,
    private readonly ingest: IngestService,
  ) {}

  /** Validates a generic event (strict schema) and stores it; invalid → 422 with one error per field. */
  async accept(body: unknown): Promise<RecordedEvent> {
    const result = normalizeGenericEvent(body);
    if (result.status === 'invalid') throw invalidFields(result.issues, 'The event does not match the generic event format');
    if (result.status === 'ignored') throw invalidFields([], result.reason); // generic events are never ignored today
    const { id, kind } = result.event;
    const recorded = await this.ingest.store({ provider: 'generic', providerEventId: id, type: kind, payload: body as Record<string, unknown> });
    if (recorded.duplicate && recorded.samePayload === false) {
      throw new ProblemException(problem(409, `Event id ${id} was already accepted with another body: send a new id for a new event, or the same body to retry`, {
        errors: [{ path: 'id', message: 'already used for another event' }],
      }));
    }
    return recorded;
  }

  list(query: ListEventsQuery): Promise<Page<EventResource>> {
    const qb = this.events.createQueryBuilder('e');
    if (query.type !== undefined) qb.andWhere('e.type = :type', { type: query.type });
    if (query.status !== undefined) qb.andWhere('e.status = :status', { status: query.status });
    return paginate(qb, { alias: 'e', table: 'events', columns: ['received_at', 'id'], direction: 'DESC' }, query, (row) => toEventResource(row));
  }

  async get(id: string): Promise<EventResource> {
    const row = await this.events.findOneBy({ id: requireUuid('event', id) });
    if (!row) throw notFound('event', id);
    return toEventResource(row, true);
  }
}
