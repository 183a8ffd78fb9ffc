import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import type { AutomationDefinition, AutomationVersion, TriggerType } from '../../../domain/automation';
import type { MatchCandidate } from '../../../domain/matching';

interface CandidateRow {
  id: string;
  priority: number;
  version: number;
  definition: AutomationDefinition;
}

/** Reads the enabled automations (at their current version) that matching and deadline timers need. */
@Injectable()
export class AutomationCatalog {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

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
