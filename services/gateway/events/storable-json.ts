/**
 * PostgreSQL `jsonb` refuses two things JSON itself allows: the NUL character (`\u0000`) and lone UTF-16
 * surrogates. Checking before the insert turns them into a clear 400 instead of a failed transaction (500).
 */

/** The dotted path of the first string (value or key) that `jsonb` cannot store, or undefined. */
export function unstorablePath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : path || '(root)';
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (!storable(key)) return childPath;
    const found = unstorablePath(child, childPath);
    if (found) return found;
  }
  return undefined;
}

const storable = (text: string): boolean => !text.includes('\u0000') && text.isWellFormed();
