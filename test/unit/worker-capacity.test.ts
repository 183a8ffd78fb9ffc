import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseEnv } from '../../services/common/config/app.config';
import {
  ACTIVITY_MIB, CACHED_RUN_MIB, IDLE_WORKER_MIB, WORKER_NODE_FLAGS, WORKER_PROCESS_ENV, workerCapacity, workerNodeFlags,
} from '../../services/worker/worker-capacity';
import { workerTuning } from '../../services/worker/worker-options';

/** The least WORKER_MEMORY_MB the configuration accepts. */
const LEAST = 320;
const memory = fc.integer({ min: LEAST, max: 65_536 });

describe('worker capacity from WORKER_MEMORY_MB', () => {
  it('caches the runs the concurrency lets be in flight, not the sleeping ones, and the heap gets half', () => {
    expect(workerCapacity(512)).toEqual({ maxCachedWorkflows: 100, maxConcurrentWorkflowTaskExecutions: 16, maxConcurrentActivityTaskExecutions: 84, maxConcurrentLocalActivityExecutions: 84, maxOldSpaceSizeMb: 256 });
    expect(workerCapacity(2048)).toMatchObject({ maxCachedWorkflows: 120, maxConcurrentActivityTaskExecutions: 100 }); // more memory does not cache sleeping runs
    expect(workerCapacity(LEAST)).toMatchObject({ maxCachedWorkflows: 24, maxConcurrentWorkflowTaskExecutions: 4, maxConcurrentActivityTaskExecutions: 20 });
  });

  it('keeps the idle worker, the cache and the activities in flight within the memory, for any memory', () => {
    fc.assert(fc.property(memory, (mb) => {
      const c = workerCapacity(mb);
      expect(IDLE_WORKER_MIB + c.maxCachedWorkflows * CACHED_RUN_MIB + c.maxConcurrentActivityTaskExecutions * ACTIVITY_MIB).toBeLessThanOrEqual(mb);
      // The SDK refuses a cache smaller than the workflow tasks in flight; every run in flight fits.
      expect(c.maxCachedWorkflows).toBeGreaterThanOrEqual(c.maxConcurrentWorkflowTaskExecutions + Math.min(c.maxConcurrentActivityTaskExecutions, 1));
      expect(c.maxOldSpaceSizeMb * 2).toBeLessThanOrEqual(mb);
    }));
  });

  it('never gives less when the memory grows', () => {
    fc.assert(fc.property(memory, memory, (a, b) => {
      const [small, large] = [workerCapacity(Math.min(a, b)), workerCapacity(Math.max(a, b))];
      for (const key of Object.keys(small) as (keyof typeof small)[]) expect(large[key]).toBeGreaterThanOrEqual(small[key]);
    }));
  });

  it('fills only the limits left unset, its cache following the explicit concurrency, and leaves the SDK defaults alone without it', () => {
    const tuning = workerTuning(parseEnv({ WORKER_MEMORY_MB: '512', WORKER_MAX_CONCURRENT_ACTIVITIES: '7' }).workerTuning);
    expect(tuning).toEqual({ maxCachedWorkflows: 23, maxConcurrentWorkflowTaskExecutions: 16, maxConcurrentActivityTaskExecutions: 7, maxConcurrentLocalActivityExecutions: 84 });
    expect(workerTuning(parseEnv({ WORKER_MEMORY_MB: '512', WORKER_MAX_CACHED_WORKFLOWS: '500' }).workerTuning).maxCachedWorkflows).toBe(500);
    expect(workerTuning(parseEnv({}).workerTuning)).toEqual({});
    expect(() => parseEnv({ WORKER_MEMORY_MB: String(LEAST - 1) })).toThrow(/WORKER_MEMORY_MB/); // less than an idle worker and its GC need
    expect(parseEnv({ WORKER_MEMORY_MB: String(LEAST) }).workerTuning.memoryMb).toBe(LEAST);
  });

  it('gives the worker process its young-generation cap always and its heap limit with the memory', () => {
    expect(workerNodeFlags()).toEqual(['--max-semi-space-size=2']);
    expect(workerNodeFlags(512)).toEqual(['--max-semi-space-size=2', '--max-old-space-size=256']);
    // `npm run start:worker` starts it so too (docker/compose.yaml: test/e2e/compose-stack.test.ts).
    const script = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start:worker'];
    for (const flag of WORKER_NODE_FLAGS) expect(script).toContain(` ${flag} `);
    for (const [key, value] of Object.entries(WORKER_PROCESS_ENV)) expect(script).toContain(`${key}=${value} `);
  });
});
