/** An admin API key and the name recorded as the author of what is done with it. */
export interface AdminKey {
  name: string;
  key: string;
}

const namedEntry = /^([A-Za-z0-9][A-Za-z0-9_.@-]{0,63}):(\S+)$/;

/**
 * `ADMIN_API_KEYS` entries: `name:key` (named) or a bare key, named `key-<position>` so that an action is still
 * traceable to one key. A bare key holding a colon must be written `name:key`.
 */
export function parseAdminKeys(entries: readonly string[]): AdminKey[] {
  return entries.map((entry, index) => {
    const match = namedEntry.exec(entry);
    return match ? { name: match[1], key: match[2] } : { name: `key-${index + 1}`, key: entry };
  });
}
