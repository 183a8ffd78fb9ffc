/** A problem+json answer (or a transport failure) of the admin API, with the route that gave it. */
export class AdminApiError extends Error {
  override name = 'AdminApiError';

  constructor(message: string, readonly status: number, readonly body?: unknown) {
    super(message);
  }
}

/** One page of a list route (`{ data, hasMore, nextStartingAfter }`). */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextStartingAfter: string | null;
}

type Query = Record<string, string | number | undefined>;

/**
 * The admin REST API over HTTP with an API key: what the demo seed and the CLI use, so they go through the
 * same validation, events and runs as any other client (no shortcut into the services).
 */
export class AdminClient {
  constructor(readonly baseUrl: string, private readonly apiKey: string, private readonly timeoutMs = 10_000) {}

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body: object = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: object): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /** Every item of a list route, following the cursor while `hasMore` (sandbox lists have none), up to `max`. */
  async list<T>(path: string, query: Query = {}, max = 1_000): Promise<T[]> {
    const items: T[] = [];
    let after: string | undefined;
    do {
      const page = await this.get<Partial<Page<T>>>(path, { ...query, starting_after: after });
      items.push(...(page.data ?? []));
      after = page.hasMore && page.nextStartingAfter ? page.nextStartingAfter : undefined;
    } while (after && items.length < max);
    return items;
  }

  private async request<T>(method: string, path: string, body?: object): Promise<T> {
    const url = `${this.baseUrl.replace(/\/$/, '')}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new AdminApiError(`${method} ${url} failed: ${why} (is the system running? \`make up\`, or set GATEWAY_URL)`, 0);
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) throw new AdminApiError(`${method} ${path} → ${response.status}: ${problemText(parsed, text)}`, response.status, parsed);
    return parsed as T;
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The problem's title/detail and its validation errors on one line. */
function problemText(body: unknown, raw: string): string {
  if (typeof body !== 'object' || body === null) return raw.slice(0, 300);
  const p = body as { title?: string; detail?: string; errors?: { path?: string; message?: string }[] };
  const errors = (p.errors ?? []).map((e) => `${e.path ?? ''}: ${e.message ?? ''}`).join('; ');
  return [p.title, p.detail, errors].filter(Boolean).join(' — ');
}
