import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import type { AutomationDefinition, AutomationVersion, TriggerType } from '../../../domain/automation';
import type { MatchCandidate } from '../../../domain/matching';
import { buildMatchIndex, type MatchIndex } from '../../../domain/matching-index';
import { preparedStatement, queryPrepared } from '../../common/database/prepared-statement';

interface CandidateRow {
  id: string;
  priority: number;
  version: number;
  definition: AutomationDefinition;
}

/** Changes whenever an automation is added, edited, enabled, disabled or gets a new version. */
const CATALOG_STAMP = preparedStatement('automations_stamp',
  `SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') || '/' || coalesce(sum(current_version), 0) AS stamp FROM automations`);

/** Reads the enabled automations (at their current version) that matching and deadline timers need. */
@Injectable()
export class AutomationCatalog {
  /** The index of the whole enabled catalog, and the catalog stamp it was built from. */
  private cached?: { stamp: string; index: Promise<MatchIndex> };
  /** The stamp read under way, if any. */
  private stampRead?: Promise<string>;

  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  /**
   * The matching index of every enabled automation, rebuilt only when the catalog changed: one small query
   * per event (how many automations, the latest change) instead of reading every definition each time.
   */
  async matchIndex(): Promise<MatchIndex> {
    const stamp = await this.currentStamp();
    if (this.cached?.stamp !== stamp) {
      const index = this.enabledAll().then(buildMatchIndex);
      this.cached = { stamp, index };
      index.catch(() => this.cached?.index === index && (this.cached = undefined)); // a failed read is not cached
    }
    return this.cached.index;
  }

  /**
   * The catalog stamp, read once for the events being dispatched at the same moment: a dispatch that begins
   * while a read is under way shares it, so it may match against a catalog one query older (about a
   * millisecond) than a read of its own — the same race as an automation edited while an event dispatches.
   */
  private currentStamp(): Promise<string> {
    if (!this.stampRead) {
      const read = queryPrepared<{ stamp: string }>(this.manager, CATALOG_STAMP, []).then((rows) => rows[0].stamp);
      this.stampRead = read;
      void read.finally(() => this.stampRead === read && (this.stampRead = undefined)).catch(() => undefined);
    }
    return this.stampRead;
  }

  private async enabledAll(): Promise<MatchCandidate[]> {
    const rows: CandidateRow[] = await this.manager.query(
      `SELECT a.id, a.priority, v.version, v.definition
         FROM automations a
         JOIN automation_versions v ON v.automation_id = a.id AND v.version = a.current_version
        WHERE a.status = 'enabled'`,
    );
    return rows.map((row) => ({ current: toVersion(row), priority: row.priority, enabled: true }));
  }

  /** Enabled automations of these triggers, each at its current version (the snapshot a run is pinned to). */
  async enabled(triggers: readonly TriggerType[]): Promise<MatchCandidate[]> {
    const rows: CandidateRow[] = await this.manager.query(
      `SELECT a.id, a.priority, v.version, v.definition
         FROM automations a
         JOIN automation_versions v ON v.automation_id = a.id AND v.version = a.current_version
        WHERE a.status = 'enabled' AND a.trigger = ANY($1)
        ORDER BY a.priority, a.id`,
      [triggers],
    );
    return rows.map((row) => ({ current: toVersion(row), priority: row.priority, enabled: true }));
  }
}

function toVersion(row: CandidateRow): AutomationVersion {
  return { ...row.definition, automationId: row.id, version: row.version };
}
