import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, type Repository } from 'typeorm';
import { retryPolicySchema, type RetryPolicy } from '../../../domain/automation';
import { RetryPolicyEntity } from '../../common/database/entities/retry-policy.entity';
import { paginate, type Page, type PageQuery } from '../admin/pagination';
import { conflict, notFound, requireUuid } from '../admin/problems';
import { invalidFields, type FieldError } from '../admin/validation';
import { toRetryPolicyResource, type CreateRetryPolicyDto, type RetryPolicyResource, type UpdateRetryPolicyDto } from './dto/retry-policy.dto';

/** Named retry policies, and their resolution into `retry_payment` steps (`policyId` → snapshot). */
@Injectable()
export class RetryPoliciesService {
  constructor(@InjectRepository(RetryPolicyEntity) private readonly policies: Repository<RetryPolicyEntity>) {}

  async create(dto: CreateRetryPolicyDto): Promise<RetryPolicyResource> {
    const policy = parsePolicy(dto.policy);
    const row = this.policies.create({ name: dto.name, description: dto.description ?? '', policy });
    return toRetryPolicyResource(await this.saveUnique(row));
  }

  list(query: PageQuery): Promise<Page<RetryPolicyResource>> {
    const qb = this.policies.createQueryBuilder('p');
    return paginate(qb, { alias: 'p', table: 'retry_policies', columns: ['created_at', 'id'], direction: 'DESC' }, query, toRetryPolicyResource);
  }

  async get(id: string): Promise<RetryPolicyResource> {
    return toRetryPolicyResource(await this.find(id));
  }

  async update(id: string, dto: UpdateRetryPolicyDto): Promise<RetryPolicyResource> {
    const row = await this.find(id);
    if (dto.policy !== undefined) row.policy = parsePolicy(dto.policy);
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.description !== undefined) row.description = dto.description;
    return toRetryPolicyResource(await this.saveUnique(row));
  }

  /** Refused (409) while a current automation version references the policy: its next version could not resolve. */
  async remove(id: string): Promise<{ id: string; deleted: true }> {
    await this.find(id);
    const users: { id: string }[] = await this.policies.query(
      `SELECT a.id FROM automations a JOIN automation_versions v ON v.automation_id = a.id AND v.version = a.current_version
        WHERE v.definition->'steps' @> $1::jsonb`,
      [JSON.stringify([{ policyId: id }])],
    );
    if (users.length) throw conflict(`Retry policy ${id} is used by automation(s) ${users.map((u) => u.id).join(', ')}`);
    await this.policies.delete({ id });
    return { id, deleted: true };
  }

  /**
   * Copies each referenced policy into its `retry_payment` step (`policyId` wins over an inline `policy`), so
   * the version snapshot is self-contained and later edits of the policy never reach running runs.
   */
  async resolveSteps(steps: unknown): Promise<{ steps: unknown; errors: FieldError[] }> {
    if (!Array.isArray(steps)) return { steps, errors: [] };
    const errors: FieldError[] = [];
    const resolved = await Promise.all(steps.map(async (step: unknown, i) => {
      if (!isObject(step) || step.type !== 'retry_payment' || step.policyId === undefined) return step;
      const id = String(step.policyId);
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.policies.findOneBy({ id }) : null;
      if (!row) errors.push({ path: `steps.${i}.policyId`, message: `no retry policy ${id}` });
      return row ? { ...step, policyId: id, policy: row.policy } : step;
    }));
    return { steps: resolved, errors };
  }

  private async find(id: string): Promise<RetryPolicyEntity> {
    const row = await this.policies.findOneBy({ id: requireUuid('retry policy', id) });
    if (!row) throw notFound('retry policy', id);
    return row;
  }

  private async saveUnique(row: RetryPolicyEntity): Promise<RetryPolicyEntity> {
    const taken = await this.policies.createQueryBuilder('p').where('p.name = :name AND p.id IS DISTINCT FROM :id', { name: row.name, id: row.id ?? null }).getExists();
    if (taken) throw conflict(`A retry policy named "${row.name}" exists`);
    try { // the unique index still decides a race
      return await this.policies.save(row);
    } catch (error) {
      if (error instanceof QueryFailedError && /retry_policies_name/.test(error.message)) throw conflict(`A retry policy named "${row.name}" exists`);
      throw error;
    }
  }
}

function parsePolicy(input: unknown): Record<string, unknown> & RetryPolicy {
  const parsed = retryPolicySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidFields(parsed.error.issues.map((i) => ({ path: ['policy', ...i.path].join('.'), message: i.message })), 'The retry policy is invalid');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
