/** Key/value settings (speed, last open scenario, panel layout...), any structured-clonable value. */
import { liveQuery, type Observable } from 'dexie';
import { getDb } from './db';
import { guard } from './errors';
import { plain } from './plain';

/** The stored value of `key`, or `fallback` when it was never set. */
export function getSetting<T>(key: string, fallback: T): Promise<T> {
  return guard('the setting could not be read', async () => {
    const row = await getDb().settings.get(key);
    return row === undefined ? fallback : (row.value as T);
  });
}

export function setSetting<T>(key: string, value: T): Promise<void> {
  return guard('the setting was not saved', async () => {
    await getDb().settings.put({ key, value: plain(value) });
  });
}

export function deleteSetting(key: string): Promise<void> {
  return guard('the setting was not reset', () => getDb().settings.delete(key));
}

/** {@link getSetting} as a live value. */
export function liveSetting<T>(key: string, fallback: T): Observable<T> {
  return liveQuery(() => getSetting(key, fallback));
}
