import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { checkOutboundUrl } from '../../../domain/outbound-targets';
import { appConfig } from '../../common/config/app.config';
import { WebhookDeliveryEntity } from '../../common/database/entities/webhook-delivery.entity';
import { WebhookEndpointEntity } from '../../common/database/entities/webhook-endpoint.entity';
import { paginate, type Page, type PageQuery } from '../admin/pagination';
import { notFound, requireUuid } from '../admin/problems';
import { invalidFields } from '../admin/validation';
import { toWebhookDeliveryResource, type WebhookDeliveryResource } from './dto/webhook-delivery.resource';
import {
  toWebhookEndpointResource, type CreateWebhookEndpointDto, type ListDeliveriesQuery, type RotateWebhookSecretDto, type UpdateWebhookEndpointDto,
  type WebhookEndpointResource,
} from './dto/webhook-endpoint.dto';

/** How long the old secret signs beside the new one after a rotation, unless the request says. */
const DEFAULT_GRACE_S = 86_400;

/** A new Standard Webhooks secret: `whsec_` + 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Registered outbound endpoints: CRUD, secret rotation, re-enabling a failing endpoint, its deliveries. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectRepository(WebhookEndpointEntity) private readonly endpoints: Repository<WebhookEndpointEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async create(dto: CreateWebhookEndpointDto): Promise<WebhookEndpointResource> {
    const secret = newWebhookSecret();
    const row = await this.endpoints.save(this.endpoints.create({
      url: this.checkUrl(dto.url), eventTypes: dto.eventTypes, description: dto.description ?? '', enabled: dto.enabled ?? true, secret,
    }));
    return toWebhookEndpointResource(row, secret);
  }

  list(query: PageQuery): Promise<Page<WebhookEndpointResource>> {
    const qb = this.endpoints.createQueryBuilder('e');
    return paginate(qb, { alias: 'e', table: 'webhook_endpoints', columns: ['created_at', 'id'], direction: 'DESC' }, query, (row) => toWebhookEndpointResource(row));
  }

  async get(id: string): Promise<WebhookEndpointResource> {
    return toWebhookEndpointResource(await this.find(id));
  }

  async update(id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointResource> {
    const row = await this.find(id);
    if (dto.url !== undefined) row.url = this.checkUrl(dto.url);
    if (dto.eventTypes !== undefined) row.eventTypes = dto.eventTypes;
    if (dto.description !== undefined) row.description = dto.description;
    if (dto.enabled !== undefined) row.enabled = dto.enabled;
    return toWebhookEndpointResource(await this.endpoints.save(row));
  }

  /** Deletes the endpoint and its deliveries (sent or not). */
  async remove(id: string): Promise<{ id: string; deleted: true }> {
    await this.find(id);
    await this.endpoints.manager.transaction(async (tx) => {
      await tx.delete(WebhookDeliveryEntity, { endpointId: id });
      await tx.delete(WebhookEndpointEntity, { id });
    });
    return { id, deleted: true };
  }

  /** A new secret; the current one keeps signing (a second signature) for `graceSeconds`, so receivers can switch without a gap. */
  async rotateSecret(id: string, dto: RotateWebhookSecretDto): Promise<WebhookEndpointResource> {
    await this.find(id);
    const grace = dto.graceSeconds ?? DEFAULT_GRACE_S;
    const secret = newWebhookSecret();
    await this.endpoints.createQueryBuilder().update(WebhookEndpointEntity)
      .set({ previousSecret: grace > 0 ? () => 'secret' : null, previousSecretExpiresAt: grace > 0 ? () => 'now() + make_interval(secs => :grace)' : null, secret })
      .where('id = :id', { id }).setParameters({ grace }).execute();
    return toWebhookEndpointResource(await this.find(id), secret);
  }

  /** Turns the endpoint on again (also after `failing`): its held and given-up deliveries are sent again from now, with a fresh window. */
  async enable(id: string): Promise<WebhookEndpointResource> {
    await this.find(id);
    await this.endpoints.manager.transaction(async (tx) => {
      await tx.update(WebhookEndpointEntity, { id }, { enabled: true, status: 'active', failingSince: null });
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = now()
          WHERE endpoint_id = $1 AND status IN ('held', 'failed')`, [id]);
    });
    return this.get(id);
  }

  async listDeliveries(id: string, query: ListDeliveriesQuery): Promise<Page<WebhookDeliveryResource>> {
    await this.find(id);
    const qb = this.deliveries.createQueryBuilder('d').where('d.endpoint_id = :id', { id });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    return paginate(qb, { alias: 'd', table: 'webhook_deliveries', columns: ['id'], direction: 'DESC' }, query, toWebhookDeliveryResource);
  }

  private async find(id: string): Promise<WebhookEndpointEntity> {
    const row = await this.endpoints.findOneBy({ id: requireUuid('webhook endpoint', id) });
    if (!row) throw notFound('webhook endpoint', id);
    return row;
  }

  /** The save-time target rule (the sender checks the resolved addresses again at each send). */
  private checkUrl(url: string): string {
    const check = checkOutboundUrl(url, this.config.outboundAllowedHosts);
    if (!check.ok) throw invalidFields([{ path: 'url', message: check.reason }], 'The webhook endpoint URL is not allowed');
    return url;
  }
}
