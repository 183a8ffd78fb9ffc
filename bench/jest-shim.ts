/**
 * test/support/fake-activities.ts wraps each fake in `jest.fn` to record calls; outside Jest there is no
 * `jest` global, so the bench provides the one function it needs: `jest.fn(impl)` returning `impl` itself.
 * Import this module before the fakes are built.
 */
const g = globalThis as { jest?: { fn: <T>(impl: T) => T } };
g.jest ??= { fn: <T>(impl: T) => impl };

export {};
