import type { AppConfig } from '../common/config/app.config';

/** Polls the gateway's readiness endpoint until it answers 200. */
export async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Tells the operator where everything is. */
export function printBanner(config: AppConfig, temporalUiUrl: string | undefined, elapsedMs: number, notes: string[] = []): void {
  const base = `http://localhost:${config.port}`;
  const lines = [
    `Ready in ${(elapsedMs / 1000).toFixed(1)} s`,
    `  API          ${base}/v1   (Authorization: Bearer ${config.env === 'production' ? '<one of ADMIN_API_KEYS>' : config.adminApiKeys[0]})`,
    `  API docs     ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
    `  GraphQL      ${base}/graphql`,
    `  Health       ${base}/health/ready   Metrics ${base}/metrics`,
    `  Temporal UI  ${temporalUiUrl ?? `(cluster at ${config.temporal.address}, namespace ${config.temporal.namespace})`}`,
    `  Day length   ${config.dayMs} ms (DAY_DURATION)`,
    ...notes.map((note) => `  ${note}`),
    `  Try          npm run trigger -- annual-dunning    then    npm run timeline -- <invoice id> --follow`,
    'Press Ctrl-C to stop.',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
