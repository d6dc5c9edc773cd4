/**
 * Storage failures in words for people (DESIGN.md rule 6). Every store function throws only
 * {@link StorageError}; its `message` can be shown as is, and `kind` lets the UI pick a remedy.
 */

export type StorageErrorKind =
  /** The disk or the origin's quota is full. */
  | 'full'
  /** The browser refuses IndexedDB: private browsing, site data disabled, an insecure frame... */
  | 'blocked'
  /** The database was written by a newer version of the app. */
  | 'version'
  /** Another tab opened a newer version of the database and this tab's connection was closed. */
  | 'busy'
  /** The record cannot be changed: a scenario of the shipped library. */
  | 'readonly'
  /** A record the caller named does not exist (deleted in another tab, say). */
  | 'missing'
  | 'unknown';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The error names found in `err`, its Dexie `inner` chain and its `cause` chain. */
function errorNames(err: unknown): string[] {
  const names: string[] = [];
  const seen = new Set<unknown>();
  let queue: unknown[] = [err];
  while (queue.length > 0) {
    const next: unknown[] = [];
    for (const e of queue) {
      if (e === null || typeof e !== 'object' || seen.has(e)) continue;
      seen.add(e);
      const o = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
      if (typeof o.name === 'string') names.push(o.name);
      next.push(o.inner, o.cause);
      // Dexie's BulkError keeps the per-row errors in `failures`.
      if (Array.isArray(o.failures)) next.push(...o.failures);
    }
    queue = next;
  }
  return names;
}

/**
 * Wraps a low-level error. `action` says what was lost, as the start of a sentence, e.g.
 * "the run was not saved".
 */
export function toStorageError(err: unknown, action: string): StorageError {
  if (err instanceof StorageError) return err;
  const names = errorNames(err);
  const has = (...n: string[]) => n.some((x) => names.includes(x));
  const cause = { cause: err };
  if (has('QuotaExceededError')) {
    return new StorageError(
      'full',
      `Storage is full: ${action}. Delete old runs in the Runs list (or free disk space) and try again; everything saved before is still there.`,
      cause,
    );
  }
  if (has('VersionError')) {
    return new StorageError(
      'version',
      `The saved data comes from a newer version of this app, so ${action}. Reload the page to get the newest version; nothing was changed.`,
      cause,
    );
  }
  if (
    has('InvalidStateError', 'SecurityError', 'MissingAPIError', 'OpenFailedError', 'UnknownError')
  ) {
    return new StorageError(
      'blocked',
      `The browser blocks storage for this page (private browsing or site data turned off), so ${action}. You can keep working, but nothing will be kept after a reload; allow site data for this page to save your work.`,
      cause,
    );
  }
  if (has('DatabaseClosedError')) {
    // Dexie closes the connection when another tab opens a newer schema version.
    return new StorageError(
      'busy',
      `This app was updated in another tab, so ${action}. Reload this page to continue.`,
      cause,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new StorageError('unknown', `Storage failed, so ${action}: ${detail}`, cause);
}

/** Runs `fn` and rethrows any failure as a {@link StorageError} saying `action`. */
export async function guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStorageError(err, action);
  }
}
