import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import * as fs from 'node:fs';

/*
 * Preloaded into a service process by a test (`NODE_OPTIONS=--require dist/testkit/otel-probe.js`): when the process
 * is told to stop (SIGTERM; the services' own shutdown hooks then stop it) or exits, it prints one JSON line saying
 * which OpenTelemetry packages it loaded, which tracer provider was registered globally, and which OTEL_* variables
 * it saw. (Nest re-raises SIGTERM after its shutdown, which ends the process without an 'exit' event.)
 */
let reported = false;

function report(): void {
  if (reported) return;
  reported = true;
  const packages = Object.keys(require.cache)
    .map((file) => /node_modules\/(@opentelemetry\/[^/]+)\//.exec(file)?.[1])
    .filter((name): name is string => Boolean(name));
  const provider = trace.getTracerProvider();
  const registered = provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider;
  const probe = {
    loaded: [...new Set(packages)].sort(),
    tracerProvider: registered.constructor.name,
    otelEnv: Object.keys(process.env).filter((key) => key.startsWith('OTEL_')),
  };
  fs.writeSync(1, `${JSON.stringify({ otelProbe: probe })}\n`);
}

process.once('SIGTERM', report);
process.once('exit', report);
