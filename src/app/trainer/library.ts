/**
 * The shipped scenario library: public/scenarios/index.json lists the files. Fetched relative to
 * the page (the app is served from any base path and precached by the service worker).
 */
import { parseScenario } from '../../sim/scenario/validate';
import type { LibraryEntry } from '../../store/scenarios';

/** The walkthrough of the guide's own situations: what the page opens with. */
export const DEFAULT_LIBRARY_FILE = 'guide-walkthrough.json';

type IndexItem = string | { file?: string; path?: string };

function filesOf(index: unknown): string[] {
  const list: unknown = Array.isArray(index)
    ? index
    : (index as { scenarios?: unknown })?.scenarios;
  if (!Array.isArray(list)) return [];
  return (list as IndexItem[])
    .map((item) => (typeof item === 'string' ? item : (item?.file ?? item?.path ?? '')))
    .filter(
      (f): f is string => typeof f === 'string' && /^[\w.-]+\.json$/.test(f) && f !== 'index.json',
    );
}

/** Every valid scenario of the library; a broken file is skipped (and reported in the console). */
export async function fetchLibrary(base = './scenarios/'): Promise<LibraryEntry[]> {
  const res = await fetch(`${base}index.json`);
  if (!res.ok) return [];
  const files = filesOf(await res.json());
  const entries = await Promise.all(
    files.map(async (file): Promise<LibraryEntry | null> => {
      try {
        const r = await fetch(`${base}${file}`);
        const parsed = parseScenario(await r.json());
        if (parsed.ok) return { file, scenario: parsed.scenario };
        console.warn(`scenarios/${file} is invalid`, parsed.errors);
      } catch (err) {
        console.warn(`scenarios/${file} could not be read`, err);
      }
      return null;
    }),
  );
  return entries.filter((e): e is LibraryEntry => e !== null);
}
