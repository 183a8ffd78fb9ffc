import fc from 'fast-check';
import { loadFactor, stallWindowMs, waitVerdict, type WaitPolicy } from '../../testkit/faults/run-wait';

const policy: WaitPolicy = { stallMs: 60_000, capMs: 2_400_000 };
const at = (s: number) => s * 1_000;

describe('fault suite: how long a scenario waits for its runs', () => {
  it('reads the load per core, never below 1', () => {
    expect(loadFactor(18, 2)).toBe(9);
    expect(loadFactor(0.5, 2)).toBe(1);
    expect(loadFactor(3, 0)).toBe(3);
  });

  // Full size (b) at load 18 on 2 cores: runs kept ending for ten minutes past the old fixed deadline of
  // 120 s + 0.5 s per event (370 s); that deadline counted 107 healthy runs as not ended.
  it('keeps waiting for runs that still move on a loaded machine, past any fixed deadline', () => {
    const sample = { left: 107, startedAt: 0, movedAt: at(599), now: at(600), factor: 9 };
    expect(waitVerdict(policy, sample)).toBe('wait');
  });

  it('calls the runs left stuck when nothing moved for the stall window at the current load', () => {
    expect(waitVerdict(policy, { left: 1, startedAt: 0, movedAt: at(100), now: at(160), factor: 1 })).toBe('stalled');
    expect(waitVerdict(policy, { left: 1, startedAt: 0, movedAt: at(100), now: at(160), factor: 9 })).toBe('wait');
    expect(waitVerdict(policy, { left: 1, startedAt: 0, movedAt: at(100), now: at(640), factor: 9 })).toBe('stalled');
  });

  it('ends at once when no run is left, and at the cap whatever the load', () => {
    expect(waitVerdict(policy, { left: 0, startedAt: 0, movedAt: 0, now: at(10_000), factor: 1 })).toBe('ended');
    expect(waitVerdict(policy, { left: 5, startedAt: 0, movedAt: at(2_399), now: at(2_400), factor: 50 })).toBe('capped');
  });

  it('never waits past the cap, nor past the scaled stall window after the last move', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 3_000_000 }), fc.double({ min: 1, max: 20, noNaN: true }),
      (left, sinceMove, moveAfterStart, factor) => {
        const movedAt = moveAfterStart;
        const now = movedAt + sinceMove;
        const verdict = waitVerdict(policy, { left, startedAt: 0, movedAt, now, factor });
        if (now >= policy.capMs) return verdict === 'capped';
        if (sinceMove >= stallWindowMs(policy, factor)) return verdict === 'stalled';
        return verdict === 'wait';
      }));
  });
});
