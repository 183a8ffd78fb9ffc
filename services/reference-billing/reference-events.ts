import type { ReferenceLedger } from './reference-ledger';

/** Where the engine takes generic events (`POST {url}/v1/events`) and the API key it wants. */
export interface EngineTarget {
  url: string;
  apiKey: string;
}

/**
 * Sends the events the ledger queued (a cancellation, a payment, a mark) to the engine's generic event API,
 * as a billing system's webhooks would: oldest first, each until the engine accepts it (2xx, or 409 for an
 * id it already has with another body, which a retry can never fix). Returns how many were sent.
 */
export async function sendQueuedEvents(ledger: ReferenceLedger, engine: EngineTarget, fetchFn: typeof fetch = fetch): Promise<number> {
  let sent = 0;
  for (const event of await ledger.pendingEvents()) {
    const ok = await fetchFn(`${engine.url.replace(/\/+$/, '')}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.apiKey}` },
      body: JSON.stringify(event.body),
      signal: AbortSignal.timeout(10_000),
    }).then((res) => res.ok || res.status === 409, () => false);
    await ledger.markEvent(event.id, ok);
    if (!ok) break; // keep the order: the next ones wait for this one
    sent++;
  }
  return sent;
}

/** Drains the queue every `everyMs` until stopped. */
export function startEventSender(ledger: ReferenceLedger, engine: EngineTarget, everyMs = 250): { stop(): Promise<void> } {
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  const loop = async () => {
    while (running) {
      current = sendQueuedEvents(ledger, engine).catch(() => 0);
      await current;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  void loop();
  return { stop: async () => { running = false; await current; } };
}
