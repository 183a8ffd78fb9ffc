import { cloudActions } from '../../bench/cloud-actions';
import { readHistory } from '../../testkit/time-skipping';

describe('Temporal Cloud actions of a recorded history', () => {
  it('counts start, timers, activity attempts and upserts of a run with activities only', () => {
    // recipe 1, every retry declined, before the lean history: 1 start + 9 timers + 24 activities + 7 upserts
    expect(cloudActions(readHistory('recipe1-exhausted-network-rules.json'))).toBe(41);
  });

  it('counts the local activities of one workflow task once, the last task (whose markers follow its completion) too', () => {
    // the same run, lean: 1 start + 9 timers + 10 activities + 6 upserts + 12 workflow tasks that ran local activities
    expect(cloudActions(readHistory('recipe1-exhausted-lean.json'))).toBe(38);
  });
});
