import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The whole code base (services, workflows, activities, domain, tests) type-checks: swc, which compiles it,
// strips types without checking them.
it('type-checks with tsc --noEmit', () => {
  const root = path.resolve(__dirname, '../..');
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', root], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 180_000);
