import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// What the code and docs rely on is written down in the repository (docs/), so nothing may point at a document
// or folder outside it: a design section ("DESIGN §3"), a tracker entry ("issue 4"), a sibling folder (../shared/).
const root = join(__dirname, '../..');
const OUTSIDE = [/\bDESIGN\b/, /§\s*\d/, /\bissues? #?\d+\b/i, /\.\.\/shared\//];
const TEXT = /\.(ts|mjs|js|md|sh|ya?ml|gql|hbs)$|(^|\/)(Makefile|Dockerfile)$|^\.ci\/run$/;

/** The lines of tracked (or new, not ignored) text files that point outside the repository. */
function outsideReferences(): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => TEXT.test(file) && !file.startsWith('test/workflows/histories/') && file !== 'test/unit/outside-references.test.ts');
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      return []; // deleted in the working tree
    }
    return text.split('\n').flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
  });
}

describe('references outside the repository', () => {
  it('finds none in code, scripts or docs', () => {
    expect(outsideReferences()).toEqual([]);
  });

  it('would catch one', () => {
    expect(['// see DESIGN §8', '// as issue 4 asked', 'cp ../shared/fixtures/x .'].filter((line) => OUTSIDE.some((re) => re.test(line)))).toHaveLength(3);
  });
});
