import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isDeepStrictEqual } from 'node:util';
import type { DataSource, Repository } from 'typeorm';
import { currentActor } from '../../common/audit/actor-context';
import { AutomationVersionEntity } from '../../common/database/entities/automation-version.entity';
import { AutomationEntity } from '../../common/database/entities/automation.entity';
import { paginate, type Page, type PageQuery } from '../admin/pagination';
import { notFound, requireUuid } from '../admin/problems';
import { AutomationDefinitions } from './automation-definitions.service';
import type { CreateAutomationDto } from './dto/create-automation.dto';
import type { ListAutomationsQuery } from './dto/list-automations.query';
import type { UpdateAutomationDto } from './dto/update-automation.dto';
import { toAutomationResource, toVersionResource, type AutomationResource, type AutomationVersionResource } from './dto/automation.resource';

/** Automations and their versions: create, read, edit (a new version), list. */
@Injectable()
export class AutomationsService {
  constructor(
    @InjectRepository(AutomationEntity) private readonly automations: Repository<AutomationEntity>,
    @InjectRepository(AutomationVersionEntity) private readonly versions: Repository<AutomationVersionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: AutomationDefinitions,
  ) {}

  async create(dto: CreateAutomationDto): Promise<AutomationResource> {
    const definition = await this.definitions.validate(dto);
    return this.dataSource.transaction(async (tx) => {
      const row = await tx.save(tx.create(AutomationEntity, {
        name: dto.name, description: dto.description ?? '', trigger: definition.trigger.type,
        priority: dto.priority ?? 100, status: dto.status ?? 'enabled', currentVersion: 1,
      }));
      const version = await tx.save(tx.create(AutomationVersionEntity, { automationId: row.id, version: 1, definition, createdBy: currentActor() }));
      return toAutomationResource(row, version);
    });
  }

  async list(query: ListAutomationsQuery): Promise<Page<AutomationResource>> {
    const qb = this.automations.createQueryBuilder('a');
    if (query.trigger) qb.andWhere('a.trigger = :trigger', { trigger: query.trigger });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const page = await paginate(qb, { alias: 'a', table: 'automations', columns: ['trigger', 'priority', 'id'], direction: 'ASC' }, query, (row) => row);
    const current = page.data.length
      ? await this.versions.createQueryBuilder('v')
        .where('(v.automation_id, v.version) IN (SELECT id, current_version FROM automations WHERE id = ANY(:ids))', { ids: page.data.map((a) => a.id) })
        .getMany()
      : [];
    const byId = new Map(current.map((v) => [v.automationId, v]));
    return { ...page, data: page.data.map((row) => toAutomationResource(row, byId.get(row.id)!)) };
  }

  async get(id: string): Promise<AutomationResource> {
    const row = await this.find(id);
    return toAutomationResource(row, await this.versionRow(id, row.currentVersion));
  }

  /** Name, trigger, filters or steps changed → version n+1 (runs going stay pinned to theirs); else the row only. */
  async update(id: string, dto: UpdateAutomationDto): Promise<AutomationResource> {
    return this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(AutomationEntity, { where: { id: requireUuid('automation', id) }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('automation', id);
      let version = await tx.findOneByOrFail(AutomationVersionEntity, { automationId: id, version: row.currentVersion });
      const before = version.definition;
      const definition = await this.definitions.validate({
        name: dto.name ?? row.name, trigger: dto.trigger ?? before.trigger,
        filters: dto.filters === undefined ? before.filters : dto.filters, steps: dto.steps ?? before.steps,
      });
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(definition)), before)) {
        version = await tx.save(tx.create(AutomationVersionEntity, { automationId: id, version: row.currentVersion + 1, definition, createdBy: currentActor() }));
        Object.assign(row, { currentVersion: version.version, trigger: definition.trigger.type, name: definition.name });
      }
      if (dto.description !== undefined) row.description = dto.description;
      if (dto.priority !== undefined) row.priority = dto.priority;
      return toAutomationResource(await tx.save(row), version);
    });
  }

  async listVersions(id: string, query: PageQuery): Promise<Page<AutomationVersionResource>> {
    await this.find(id);
    const qb = this.versions.createQueryBuilder('v').where('v.automation_id = :id', { id });
    // Versions are keyed by number within the automation: the cursor is the version number.
    const limit = query.limit ?? 20;
    if (query.starting_after !== undefined) qb.andWhere('v.version < :after', { after: Number(query.starting_after) || 0 });
    const rows = await qb.orderBy('v.version', 'DESC').limit(limit + 1).getMany();
    const data = rows.slice(0, limit).map(toVersionResource);
    const hasMore = rows.length > limit;
    return { data, hasMore, nextStartingAfter: hasMore ? String(data[data.length - 1].version) : null };
  }

  async getVersion(id: string, version: number): Promise<AutomationVersionResource> {
    await this.find(id);
    return toVersionResource(await this.versionRow(id, version));
  }

  /** The automation row, or 404. */
  async find(id: string): Promise<AutomationEntity> {
    const row = await this.automations.findOneBy({ id: requireUuid('automation', id) });
    if (!row) throw notFound('automation', id);
    return row;
  }

  private async versionRow(id: string, version: number): Promise<AutomationVersionEntity> {
    // Versions are PostgreSQL integers: a number outside that range names no version (404), never a query error.
    const row = Number.isInteger(version) && version >= 1 && version <= 2_147_483_647 ? await this.versions.findOneBy({ automationId: id, version }) : null;
    if (!row) throw notFound(`version of automation ${id}:`, version);
    return row;
  }
}
