import { parseEnv } from '../../services/common/config/app.config';
import { workerCapacity } from '../../services/worker/worker-capacity';
import { workerTuning } from '../../services/worker/worker-options';

describe('worker capacity from WORKER_MEMORY_MB', () => {
  it('gives a third of the memory above the idle worker to the cache, and the heap half of it all', () => {
    expect(workerCapacity(512)).toEqual({ maxCachedWorkflows: 208, maxConcurrentWorkflowTaskExecutions: 20, maxConcurrentActivityTaskExecutions: 100, maxConcurrentLocalActivityExecutions: 100, maxOldSpaceSizeMb: 256 });
    expect(workerCapacity(2048).maxCachedWorkflows).toBe(1232);
    expect(workerCapacity(256)).toMatchObject({ maxCachedWorkflows: 37, maxConcurrentWorkflowTaskExecutions: 3, maxConcurrentActivityTaskExecutions: 18 });
  });

  it('fills only the limits left unset, and leaves the SDK defaults alone without it', () => {
    const tuning = workerTuning(parseEnv({ WORKER_MEMORY_MB: '512', WORKER_MAX_CONCURRENT_ACTIVITIES: '7' }).workerTuning);
    expect(tuning).toEqual({ maxCachedWorkflows: 208, maxConcurrentWorkflowTaskExecutions: 20, maxConcurrentActivityTaskExecutions: 7, maxConcurrentLocalActivityExecutions: 100 });
    expect(workerTuning(parseEnv({}).workerTuning)).toEqual({});
    expect(() => parseEnv({ WORKER_MEMORY_MB: '100' })).toThrow(/WORKER_MEMORY_MB/);
  });
});
