import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { recordAudit } from '../../common/audit/record-audit';
import { AutomationEntity } from '../../common/database/entities/automation.entity';
import { conflict, notFound } from '../admin/problems';
import { invalidFields } from '../admin/validation';
import { RunsService } from '../runs/runs.service';
import { AutomationsService } from './automations.service';
import type { DisableMode } from './dto/automation-actions.dto';
import type { AutomationResource, DisableResultResource } from './dto/automation.resource';

/** Gap between reordered priorities, so one automation can later be slotted between two without renumbering. */
const PRIORITY_STEP = 10;

/** Enable, disable (finish or cancel the runs going), reorder and delete. */
@Injectable()
export class AutomationLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly automations: AutomationsService,
    private readonly runs: RunsService,
  ) {}

  /** Idempotent: enabling an enabled automation answers it unchanged. */
  async enable(id: string): Promise<AutomationResource> {
    await this.setStatus(id, 'enabled');
    await recordAudit(this.dataSource.manager, 'automation.enable', id);
    return this.automations.get(id);
  }

  /**
   * Idempotent. New events stop matching at once; `cancel` also signals `cancel` to every run the projection
   * shows running (a repeat reaches runs that started while the first call ran), `finish` leaves them be.
   */
  async disable(id: string, mode: DisableMode): Promise<DisableResultResource> {
    await this.setStatus(id, 'disabled');
    const { canceled, unreachable } = mode === 'cancel' ? await this.runs.cancelRunningOf(id, 'automation_disabled') : { canceled: [], unreachable: [] };
    await recordAudit(this.dataSource.manager, 'automation.disable', id, { mode, canceledRunIds: canceled });
    return { automation: await this.automations.get(id), mode, canceledRunIds: canceled, unreachableRunIds: unreachable };
  }

  /** Puts `ids` first, in order, within their trigger; the trigger's other automations follow in their old order. */
  async reorder(ids: string[]): Promise<AutomationResource[]> {
    const ordered = await this.dataSource.transaction(async (tx) => {
      const listed = await tx.find(AutomationEntity, { where: { id: In(ids) }, lock: { mode: 'pessimistic_write' } });
      const missing = ids.filter((id) => !listed.some((a) => a.id === id));
      if (missing.length) throw notFound('automation', missing.join(', '));
      const triggers = new Set(listed.map((a) => a.trigger));
      if (triggers.size > 1) {
        throw invalidFields([{ path: 'ids', message: `automations of one trigger only (got ${[...triggers].join(', ')})` }]);
      }
      const [trigger] = triggers;
      const all = await tx.find(AutomationEntity, { where: { trigger }, order: { priority: 'ASC', id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const next = [...ids.map((id) => all.find((a) => a.id === id)!), ...all.filter((a) => !ids.includes(a.id))];
      for (const [i, row] of next.entries()) await tx.update(AutomationEntity, { id: row.id }, { priority: (i + 1) * PRIORITY_STEP });
      return next.map((a) => a.id);
    });
    return Promise.all(ordered.map((id) => this.automations.get(id)));
  }

  /** Refused (409) while runs are going; the versions stay, because finished runs still show theirs. */
  async remove(id: string): Promise<{ id: string; deleted: true }> {
    await this.automations.find(id);
    if (await this.runs.hasRunning(id)) throw conflict(`Automation ${id} has running runs: disable it with mode cancel or let them finish first`);
    await this.dataSource.getRepository(AutomationEntity).delete({ id });
    return { id, deleted: true };
  }

  private async setStatus(id: string, status: AutomationEntity['status']): Promise<void> {
    await this.automations.find(id);
    await this.dataSource.getRepository(AutomationEntity).update({ id }, { status });
  }
}
