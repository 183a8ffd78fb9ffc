import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatFigures, info, must, readFigures } from '../../testkit/faults/fault-figures';

describe('fault suite figures', () => {
  it('marks a figure off its goal FAIL, and prints one aligned table of every scenario', () => {
    expect(must('duplicates', 0, 0)).toEqual({ measure: 'duplicates', value: 0, goal: '= 0', ok: true });
    expect(must('runs', 99, 100)).toMatchObject({ ok: false });
    const table = formatFigures([
      { scenario: '(a) 3x redelivery', ...must('runs', 100, 100) },
      { scenario: '(b) Temporal down', ...info('drain time', '4.2 s') },
      { scenario: '(b) Temporal down', ...must('lost', 1, 0) },
    ]).split('\n');
    expect(table).toEqual([
      '| scenario          | measure    | value | goal  |      |',
      '|-------------------|------------|-------|-------|------|',
      '| (a) 3x redelivery | runs       | 100   | = 100 | ok   |',
      '| (b) Temporal down | drain time | 4.2 s |       | ok   |',
      '| (b) Temporal down | lost       | 1     | = 0   | FAIL |',
    ]);
  });

  it('reads the figures the scenarios wrote, in scenario order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'figures-'));
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify([{ scenario: '(b)', measure: 'm', value: 1, ok: true }]));
    fs.writeFileSync(path.join(dir, 'a.json'), JSON.stringify([{ scenario: '(a)', measure: 'm', value: 2, ok: true }]));
    expect(readFigures(dir).map((f) => f.scenario)).toEqual(['(a)', '(b)']);
    expect(readFigures(path.join(dir, 'none'))).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });
});
