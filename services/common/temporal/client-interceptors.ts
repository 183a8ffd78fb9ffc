import type { Headers } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Next, WorkflowClientInterceptor, WorkflowSignalInput, WorkflowSignalWithStartInput, WorkflowStartInput } from '@temporalio/client';
import { currentRequestId, REQUEST_ID_HEADER } from '../telemetry/request-context';
import { tracingEnabled } from '../telemetry/tracing';

/** `headers` plus the current request id (as the `x-request-id` Temporal header) when there is one. */
function withRequestIdHeader(headers: Headers): Headers {
  const requestId = currentRequestId();
  return requestId ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } : headers;
}

/** A start with the request id in its headers (for activities) and memo (for the workflow's logs from its first line, and the Web UI). */
function withRequestId<T extends WorkflowStartInput>(input: T): T {
  const requestId = currentRequestId();
  if (!requestId) return input;
  return { ...input, headers: withRequestIdHeader(input.headers), options: { ...input.options, memo: { ...input.options.memo, requestId } } };
}

/** Puts the current request id on every workflow start and signal, so the workflow's and its activities' logs carry it. */
class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>) {
    return next(withRequestId(input));
  }

  start(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'start'>) {
    return next(withRequestId(input));
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>) {
    return next({ ...input, headers: withRequestIdHeader(input.headers) });
  }

  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>) {
    const requestId = currentRequestId();
    if (!requestId) return next(input);
    return next({ ...input, headers: withRequestIdHeader(input.headers), options: { ...input.options, memo: { ...input.options.memo, requestId } } });
  }
}

/** The workflow client interceptors of every client this project makes: request ids, and trace context when tracing is on. */
export function workflowClientInterceptors(): WorkflowClientInterceptor[] {
  if (!tracingEnabled()) return [new RequestIdClientInterceptor()];
  // Loaded only when tracing is on (it pulls in the OpenTelemetry trace SDK), as otel-sdk.ts loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry');
  return [new RequestIdClientInterceptor(), new OpenTelemetryWorkflowClientInterceptor()];
}
