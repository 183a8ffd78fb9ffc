import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The docs name where things live (docs/architecture.md answers "where is X" with a path): a path that no longer
// exists sends a newcomer nowhere, so every repository path the README and docs/ write in backticks must exist.
const root = join(__dirname, '../..');
const FOLDERS = ['services', 'domain', 'workflows', 'activities', 'providers', 'testkit', 'test', 'bench', 'scripts', 'docker', 'docs'];
const PATH = new RegExp(`^(${FOLDERS.join('|')})/[\\w./-]*$`);
/** A git-ignored path is one the user makes (e.g. docker/secrets/), not one the tree ships. */
const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status === 0;

/** `file: path` for each backticked repository path in the README and docs/ that is not in the tree. */
function missingPaths(): string[] {
  const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return docs.flatMap((doc) => [...readFileSync(join(root, doc), 'utf8').matchAll(/`([^`\s]+)`/g)]
    .map(([, text]) => text.replace(/[.,:;]$/, ''))
    .filter((text) => PATH.test(text) && !existsSync(join(root, text)) && !ignored(text))
    .map((text) => `${doc}: ${text}`));
}

describe('paths named in the docs', () => {
  it('all exist', () => {
    expect(missingPaths()).toEqual([]);
  });
});
