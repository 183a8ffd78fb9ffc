import type { AppConfig } from '../common/config/app.config';
import { durationInWords } from '../common/config/duration';
import { localUrl } from '../common/runtime/system-addresses';

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

/** What the banner shows besides the configuration. */
export interface BannerFacts {
  temporalUiUrl?: string;
  elapsedMs: number;
  logFile: string;
  notes: string[];
}

/** Tells the operator where everything is: the last thing `up` prints once everything is up. */
export function bannerText(config: AppConfig, facts: BannerFacts): string {
  const base = localUrl(config.port);
  const lines = [
    `Ready in ${(facts.elapsedMs / 1000).toFixed(1)} s`,
    `  API          ${base}/v1   (Authorization: Bearer ${config.env === 'production' ? '<one of ADMIN_API_KEYS>' : config.adminApiKeys[0]})`,
    `  API docs     ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
    `  GraphQL      ${base}/graphql`,
    `  Health       ${base}/health/ready   Metrics ${base}/metrics`,
    `  Temporal UI  ${facts.temporalUiUrl ?? `(cluster at ${config.temporal.address}, namespace ${config.temporal.namespace})`}`,
    `  Day length   1 day lasts ${config.dayMs === 86_400_000 ? '1 day (real time)' : durationInWords(config.dayMs)} (DAY_DURATION)`,
    ...facts.notes.map((note) => `  ${note}`),
    `  Logs         ${facts.logFile} (every line; this terminal shows warnings and errors until now, then everything)`,
    `  Try          npm run trigger -- annual-dunning    then    npm run timeline -- <invoice id> --follow`,
    'Press Ctrl-C to stop.',
  ];
  return `\n${lines.join('\n')}\n\n`;
}
