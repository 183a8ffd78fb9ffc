// Bundled into the workflow sandbox (Worker interceptors.workflowModules): deterministic, @temporalio/workflow only.
import {
  defaultPayloadConverter,
  type ActivityInput,
  type ContinueAsNewInput,
  type GetLogAttributesInput,
  type LocalActivityInput,
  type Next,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
  workflowInfo,
} from '@temporalio/workflow';

const HEADER = 'x-request-id';

/**
 * The request id a workflow was started with (its `x-request-id` header and `requestId` memo, set by the
 * dispatcher's client) goes into every log line of the workflow, onto every activity it schedules (local ones too), and across
 * continueAsNew. The memo is read for logs because the SDK's "Workflow started" line comes before `execute`.
 */
export const interceptors = (): WorkflowInterceptors => {
  let header: ActivityInput['headers'][string] | undefined;
  const inbound: WorkflowInboundCallsInterceptor = {
    execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
      header = input.headers[HEADER];
      return next(input);
    },
  };
  const requestIdOf = (): string | undefined => {
    const memo = workflowInfo().memo?.requestId;
    if (typeof memo === 'string') return memo;
    return header ? defaultPayloadConverter.fromPayload<string>(header) : undefined;
  };
  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>) {
      return next(header ? { ...input, headers: { ...input.headers, [HEADER]: header } } : input);
    },
    scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>) {
      return next(header ? { ...input, headers: { ...input.headers, [HEADER]: header } } : input);
    },
    continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>) {
      return next(header ? { ...input, headers: { ...input.headers, [HEADER]: header } } : input);
    },
    getLogAttributes(input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>) {
      const requestId = requestIdOf();
      return next(requestId ? { ...input, requestId } : input);
    },
  };
  return { inbound: [inbound], outbound: [outbound] };
};
