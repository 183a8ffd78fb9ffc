import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AutomationVersion, TriggerType } from '../../../domain/automation';
import type { BillingEvent } from '../../../domain/billing-event';
import { evaluateFilter, explanationLines } from '../../../domain/filters';
import { factsOf, matchAutomations, triggerMatches, type MatchCandidate } from '../../../domain/matching';
import { normalizeGenericEvent } from '../../../domain/normalize';
import { previewTimeline, type PreviewTimeline } from '../../../domain/preview-timeline';
import { routeEvent, type RunSubject } from '../../../domain/triggers';
import { appConfig } from '../../common/config/app.config';
import { invalidFields } from '../admin/validation';
import { AutomationCatalog } from '../dispatcher/automation-catalog.service';
import { AutomationsService } from './automations.service';
import type { PreviewAutomationDto } from './dto/automation-actions.dto';
import type { AutomationPreviewResource } from './dto/automation-preview.resource';

/**
 * `POST /v1/automations/{id}/preview`: the dispatcher's decision (route → match by priority) and the run's
 * course (`previewTimeline`) for one event, with the domain functions the dispatcher and workflows use.
 * Reads only: nothing is stored, started or signaled.
 */
@Injectable()
export class AutomationPreviewService {
  constructor(
    private readonly automations: AutomationsService,
    private readonly catalog: AutomationCatalog,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  async preview(id: string, dto: PreviewAutomationDto): Promise<AutomationPreviewResource> {
    const row = await this.automations.find(id);
    const v = await this.automations.getVersion(id, dto.version ?? row.currentVersion);
    const automation: AutomationVersion = { ...v.definition, automationId: id, version: v.version };
    const event = this.normalize(dto.event);
    const derived = routeEvent(event, this.config.dayMs).trigger;
    const matches = derived !== undefined && triggerMatches(automation, derived);
    const explanation = evaluateFilter(automation.filters, factsOf(event));
    const candidates = derived ? await this.candidates(derived.type, automation, row.status === 'enabled', row.priority) : [];
    const match = derived ? matchAutomations(derived, candidates, factsOf(event)) : { evaluations: [] };
    const handledBy = match.winner ? { automationId: match.winner.automationId, version: match.winner.version } : null;
    const subject = derived?.subject ?? fallbackSubject(event);
    const timeline = subject && previewTimeline({ automation, subject, event, dayMs: this.config.dayMs }, { declineCode: dto.declineCode });
    return {
      automationId: id, version: v.version,
      event: { id: event.id, kind: event.kind, occurredAt: new Date(event.occurredAt).toISOString() },
      trigger: { expected: automation.trigger, derived: derived ?? null, matches },
      explanation: explanation as unknown as Record<string, unknown>, explanationLines: explanationLines(explanation),
      matching: { handledBy, evaluations: match.evaluations },
      wouldStartRun: matches && handledBy?.automationId === id,
      timeline: timeline ? datedTimeline(timeline) : { entries: [], end: null, endsEarlyOn: [] },
    };
  }

  private normalize(body: unknown): BillingEvent {
    const result = normalizeGenericEvent(body);
    if (result.status === 'normalized') return result.event;
    if (result.status === 'invalid') throw invalidFields(result.issues.map((i) => ({ path: `event.${i.path}`, message: i.message })), 'The event is invalid');
    throw invalidFields([{ path: 'event', message: result.reason }], 'The event is not handled');
  }

  /** The other enabled automations of the trigger as the dispatcher sees them, with this one at the previewed version. */
  private async candidates(trigger: TriggerType, self: AutomationVersion, enabled: boolean, priority: number): Promise<MatchCandidate[]> {
    const others = await this.catalog.enabled([trigger]);
    return [...others.filter((c) => c.current.automationId !== self.automationId), { current: self, priority, enabled }];
  }
}

function fallbackSubject(e: BillingEvent): RunSubject | undefined {
  if (e.invoice) return { type: 'invoice', id: e.invoice.id };
  if (e.subscription) return { type: 'subscription', id: e.subscription.id };
  return e.customer ? { type: 'customer', id: e.customer.id } : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Epoch ms → ISO-8601 for the API. */
function datedTimeline(t: PreviewTimeline): Record<string, unknown> {
  return {
    ...t,
    startsAt: iso(t.startsAt),
    entries: t.entries.map((e) => ({ ...e, at: iso(e.at), ...(e.until !== undefined && { until: iso(e.until) }) })),
    end: { ...t.end, at: iso(t.end.at) },
  };
}
