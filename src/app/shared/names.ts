import type { Scenario } from '../../sim/scenario/types';
import { chatNameOf } from '../../sim/scenario/types';
import { operatorLabels } from '../../sim/format/names';

/**
 * Turns the ids in the event log into the words a trainer reads. Built once per scenario; every
 * string it returns is untrusted (it comes from a scenario file) and must be rendered as text.
 */
export interface Names {
  operator(id: string): string;
  chatName(id: string): string;
  channel(id: string): string;
  visitor(id: string): string;
  language(code: string): string;
  timeoutMinutes: number;
}

let displayNames: Intl.DisplayNames | null | undefined;
/** Intl lookups are slow next to a frame budget, and the board asks for the same few codes. */
const cache = new Map<string, string>();

/** "French (France)" for `fr_FR`; the code itself when the runtime does not know it. */
export function languageName(code: string): string {
  let name = cache.get(code);
  if (name === undefined) {
    name = lookupLanguage(code);
    cache.set(code, name);
  }
  return name;
}

function lookupLanguage(code: string): string {
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'language' });
    } catch {
      displayNames = null;
    }
  }
  try {
    return displayNames?.of(code.replace('_', '-')) ?? code;
  } catch {
    return code;
  }
}

/** Visitor ids from the engine are opaque; show a short, stable label. */
export function visitorLabel(id: string): string {
  const m = /(\d+)$/.exec(id);
  return m ? `Visitor #${m[1]}` : id;
}

export function namesFor(scenario: Pick<Scenario, 'operators' | 'channels' | 'inactivity'>): Names {
  const ops = new Map(scenario.operators.map((o) => [o.id, o]));
  const labels = operatorLabels(scenario.operators);
  const chans = new Map(scenario.channels.map((c) => [c.id, c.name]));
  return {
    operator: (id) => labels.get(id) ?? id,
    chatName: (id) => {
      const o = ops.get(id);
      return o ? chatNameOf(o) : id;
    },
    channel: (id) => chans.get(id) ?? id,
    visitor: visitorLabel,
    language: languageName,
    timeoutMinutes: scenario.inactivity?.timeoutMinutes ?? 30,
  };
}
