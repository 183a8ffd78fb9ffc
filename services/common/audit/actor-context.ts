import { AsyncLocalStorage } from 'node:async_hooks';

const actor = new AsyncLocalStorage<string>();

/** Who acts in this request: the name of the admin key that authenticated it (set by the API key guard). */
export function enterActor(name: string): void {
  actor.enterWith(name);
}

/** The acting key's name, or `system` outside an authenticated request (the dispatcher, schedules). */
export function currentActor(): string {
  return actor.getStore() ?? 'system';
}
