import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closedFolders, openForTraversal } from '../../services/common/database/postgres-access';

describe('reaching a private folder for the postgres OS user', () => {
  it('finds the folders another user cannot traverse, and opens them for traversal only', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'private-')); // 700, like mktemp -d or /root
    const target = path.join(home, 'project', 'node_modules', 'pkg', 'bin');
    fs.mkdirSync(target, { recursive: true });
    expect(closedFolders(path.join(target, 'initdb'), 4_000_000)).toEqual([home]);
    expect(closedFolders(path.join(target, 'initdb'), fs.statSync(home).uid)).toEqual([]); // its owner gets through

    const said = openForTraversal([home], 'no-such-user-here');
    expect(said).toBe(`made ${home} traversable by other users (chmod o+x; not listable) so the no-such-user-here OS user reaches them`);
    expect(fs.statSync(home).mode & 0o777).toBe(0o701);
    expect(closedFolders(path.join(target, 'initdb'), 4_000_000)).toEqual([]);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
