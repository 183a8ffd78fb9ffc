import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Run as root, embedded PostgreSQL runs its binaries (in node_modules) and keeps its cluster as the `postgres` OS
 * user, which must be able to walk down to both. A clone in a private folder (a `mktemp -d`, a 700 home such as
 * /root) stops it there. These helpers find such folders and open them for traversal only.
 */

/** The folders on the way to `target` that a user other than their owner cannot traverse. */
export function closedFolders(target: string, ownerUid?: number): string[] {
  const closed: string[] = [];
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch {
      // not created yet: it will be created traversable
    }
    if (stat && stat.uid !== ownerUid && (stat.mode & 0o001) === 0) closed.unshift(dir);
    if (path.dirname(dir) === dir) return closed;
  }
}

/** The uid of an OS user, or undefined when there is no such user. */
export function uidOf(user: string): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/**
 * Lets `user` traverse (not list) each folder: an ACL entry for that user alone when `setfacl` works, else the
 * others' execute bit. Answers one line saying what was done, for the operator.
 */
export function openForTraversal(folders: string[], user: string): string {
  if (uidOf(user) !== undefined) {
    try {
      for (const dir of folders) execFileSync('setfacl', ['-m', `u:${user}:x`, dir], { stdio: 'ignore' });
      return `let the ${user} OS user traverse ${folders.join(', ')} (setfacl u:${user}:x)`;
    } catch {
      // no setfacl, or a filesystem without ACLs: the mode bit below
    }
  }
  for (const dir of folders) fs.chmodSync(dir, fs.statSync(dir).mode | 0o001);
  return `made ${folders.join(', ')} traversable by other users (chmod o+x; not listable) so the ${user} OS user reaches them`;
}
