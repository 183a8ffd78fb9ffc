import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RunStepEntity } from '../../../common/database/entities/run-step.entity';
import type { RunEntity } from '../../../common/database/entities/run.entity';
import { PageOf } from '../../admin/pagination';
import { AutomationVersionResource } from '../../automations/dto/automation.resource';
import { GraphQLJSON } from '../../graphql/json.scalar';

const nullableText = { type: String, nullable: true } as const;

/** A run as the projection records it (the `runs` table). */
@ObjectType('Run')
export class RunResource {
  @ApiProperty({ description: 'The workflow id: run:{automationId}:{subjectType}:{subjectId}' }) @Field(() => ID) id: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) workflowRunId: string | null;
  @ApiProperty({ format: 'uuid' }) @Field() automationId: string;
  @ApiProperty({ description: 'The version the run is pinned to' }) @Field(() => Int) automationVersion: number;
  @ApiProperty({ enum: ['invoice', 'subscription', 'customer'] }) @Field() subjectType: string;
  @ApiProperty() @Field() subjectId: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) customerId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) invoiceId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) subscriptionId: string | null;
  @ApiProperty({ description: 'running, recovered, completed, ended, canceled, skipped or failed' }) @Field() status: string;
  @ApiProperty({ ...nullableText, description: 'Why it ended (invoice_paid, all_steps_done, automation_disabled, …)' })
  @Field(() => String, { nullable: true })
  outcome: string | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) currentStep: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) @Field(() => Number, { nullable: true }) amountDue: number | null;
  @ApiProperty({ description: 'Minor units' }) @Field(() => Number) recoveredAmount: number;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) currency: string | null;
  @ApiProperty({ format: 'date-time' }) @Field() startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) endedAt: string | null;
  @ApiProperty({ ...nullableText, description: 'The run this one follows on the same automation and subject (a restart, or a new event after it failed or was canceled)' })
  @Field(() => String, { nullable: true })
  previousRunId: string | null;
}

/** One step or payment attempt of a run, as recorded. */
@ObjectType('RunStep')
export class RunStepResource {
  @ApiProperty() @Field(() => Int) stepIndex: number;
  @ApiProperty({ description: '0 for the step, 1..n for payment attempts' }) @Field(() => Int) attempt: number;
  @ApiProperty() @Field() type: string;
  @ApiProperty() @Field() status: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) declineCode: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) @Field(() => GraphQLJSON, { nullable: true }) detail: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) @Field() startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) endedAt: string | null;
}

/** A run with its pinned version, its recorded steps and, while it runs, the workflow's live `state`. */
@ObjectType('RunDetail')
export class RunDetailResource extends RunResource {
  @ApiProperty({ type: AutomationVersionResource, nullable: true, description: 'The snapshot the run follows' })
  @Field(() => AutomationVersionResource, { nullable: true })
  pinnedVersion: AutomationVersionResource | null;
  @ApiProperty({ type: [RunStepResource] }) @Field(() => [RunStepResource]) steps: RunStepResource[];
  @ApiProperty({ enum: ['workflow', 'projection'], description: 'workflow: live from the `state` query; projection: recorded' })
  @Field(() => String)
  source: 'workflow' | 'projection';
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true, nullable: true,
    description: 'The `state` query while running: step, next action and when (with its reason: kind, slot of N in windowDays, declineClass, rule, adviceCode, cap rule…, and `why` as text), attempts, emails, outcome; times ISO-8601',
  })
  @Field(() => GraphQLJSON, { nullable: true })
  live: Record<string, unknown> | null;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true, nullable: true,
    description: 'The run’s state recorded at its end (attempts with decline codes, pauses, skipped and failed steps, emails); null while running',
  })
  @Field(() => GraphQLJSON, { nullable: true })
  finalState: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: [String], description: 'Runs that followed this one on the same automation and subject' })
  @Field(() => [String])
  nextRunIds: string[];
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true, nullable: true,
    description: 'With Stripe: whether Stripe itself still retries the invoice (`on`, `reasons`: next_payment_attempt | provider_attempts, `providerAttempts` counted in the card budget, `setting` to change)',
  })
  @Field(() => GraphQLJSON, { nullable: true })
  providerRetries?: Record<string, unknown> | null;
  @ApiPropertyOptional({ ...nullableText, description: 'Why the live state could not be read' })
  @Field(() => String, { nullable: true })
  liveError: string | null;
}

/** What a signal route answers: the run and the signal sent (the run acts on it at its next step). */
@ObjectType('RunSignalResult')
export class RunSignalResource {
  @ApiProperty({ type: RunResource }) @Field(() => RunResource) run: RunResource;
  @ApiProperty({ enum: ['cancel', 'skipWait'] }) @Field() signal: string;
}

export const RunList = PageOf(RunResource, 'Run');

/** Row → resource (bigint columns come back as strings). */
export function toRunResource(r: RunEntity): RunResource {
  return {
    id: r.id, workflowRunId: r.workflowRunId, automationId: r.automationId, automationVersion: r.automationVersion,
    subjectType: r.subjectType, subjectId: r.subjectId, customerId: r.customerId, invoiceId: r.invoiceId,
    subscriptionId: r.subscriptionId, status: r.status, outcome: r.outcome, currentStep: r.currentStep,
    amountDue: r.amountDue === null ? null : Number(r.amountDue), recoveredAmount: Number(r.recoveredAmount),
    currency: r.currency, startedAt: r.startedAt.toISOString(), endedAt: r.endedAt?.toISOString() ?? null,
    previousRunId: r.previousRunId ?? null,
  };
}

/** Step row → resource. */
export function toRunStepResource(s: RunStepEntity): RunStepResource {
  return {
    stepIndex: s.stepIndex, attempt: s.attempt, type: s.type, status: s.status, declineCode: s.declineCode,
    detail: s.detail, startedAt: s.startedAt.toISOString(), endedAt: s.endedAt?.toISOString() ?? null,
  };
}
