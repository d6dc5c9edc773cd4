/**
 * A detached copy of caller data before it is stored. IndexedDB structured-clones values, and a
 * Svelte 5 `$state` proxy cannot be cloned (DataCloneError); a copy also keeps later edits of the
 * caller's object out of the stored record. Scenarios, inputs and summaries are JSON-shaped, so
 * the JSON fallback loses nothing they hold.
 */
export function plain<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value === undefined ? value : JSON.parse(JSON.stringify(value));
  }
}
