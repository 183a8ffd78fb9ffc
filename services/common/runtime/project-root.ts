import * as fs from 'node:fs';
import * as path from 'node:path';
import { StartupError } from './startup-error';

let cached: string | undefined;

/** The repository root (the folder holding package.json), whether running from sources or from dist/. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return (cached = dir);
}

/** Where the project's setup installs the Temporal binaries (scripts/setup-tools.sh). */
export function toolPath(name: 'temporal' | 'temporal-test-server'): string {
  const file = path.join(projectRoot(), '.tools', 'venv', 'bin', name);
  if (!fs.existsSync(file)) {
    throw new StartupError(`${file} is missing: run \`make tools\` (scripts/setup-tools.sh, needs python3 with venv) to install the Temporal toolchain`);
  }
  return file;
}
