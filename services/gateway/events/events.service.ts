import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { normalizeGenericEvent } from '../../../domain/normalize';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import type { RecordedEvent } from '../../common/events/record-event';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { toEventView, type EventView } from './dto/event.view';
import type { ListEventsQuery } from './dto/list-events.query';
import { IngestService } from './ingest.service';

/** A page of events, newest first. */
export interface EventPage {
  data: EventView[];
  hasMore: boolean;
  /** Pass as `starting_after` for the next page (absent on the last page). */
  nextStartingAfter?: string;
}

/** Generic event intake and the event log of the admin API. */
@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(BillingEventEntity) private readonly events: Repository<BillingEventEntity>,
    private readonly ingest: IngestService,
  ) {}

  /** Validates a generic event (strict schema) and stores it; invalid → 400 with one error per field. */
  async accept(body: unknown): Promise<RecordedEvent> {
    const result = normalizeGenericEvent(body);
    if (result.status === 'invalid') {
      throw new ProblemException(problem(400, 'The event does not match the generic event format', { errors: result.issues }));
    }
    if (result.status === 'ignored') throw new ProblemException(problem(400, result.reason)); // generic events are never ignored today
    const { id, kind } = result.event;
    return this.ingest.store({ provider: 'generic', providerEventId: id, type: kind, payload: body as Record<string, unknown> });
  }

  async list(query: ListEventsQuery): Promise<EventPage> {
    const limit = query.limit ?? 20;
    const qb = this.events.createQueryBuilder('e').orderBy('e.received_at', 'DESC').addOrderBy('e.id', 'DESC').take(limit + 1);
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.starting_after) {
      if (!(await this.events.existsBy({ id: query.starting_after }))) {
        throw new ProblemException(problem(400, 'Unknown cursor', { errors: [{ path: 'starting_after', message: 'no event with this id' }] }));
      }
      // Compared in SQL: received_at has microseconds, a JS Date only milliseconds.
      qb.andWhere('(e.received_at, e.id) < (SELECT c.received_at, c.id FROM events c WHERE c.id = :cursor)', { cursor: query.starting_after });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit).map((row) => toEventView(row));
    const hasMore = rows.length > limit;
    return { data: page, hasMore, ...(hasMore && { nextStartingAfter: page[page.length - 1].id }) };
  }

  async get(id: string): Promise<EventView> {
    const row = await this.events.findOneBy({ id });
    if (!row) throw new ProblemException(problem(404, `No event ${id}`));
    return toEventView(row, true);
  }
}
