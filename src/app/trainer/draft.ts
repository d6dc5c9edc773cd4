/**
 * Pure helpers for the scenario being edited: a blank scenario, new rows with sensible defaults,
 * unique ids, and the error index the editor reads next to each field.
 */
import type { ScenarioError } from '../../sim/scenario/validate';
import {
  SCENARIO_FORMAT,
  type Operator,
  type Scenario,
  type VisitorStream,
} from '../../sim/scenario/types';

export function blankScenario(name = 'New scenario'): Scenario {
  return {
    format: SCENARIO_FORMAT,
    name,
    description: '',
    seed: 1,
    durationMinutes: 240,
    policy: 'odoo',
    whenNoOperator: 'unavailable',
    inactivity: { timeoutMinutes: 30, effect: 'remove' },
    serviceLevelSeconds: 20,
    languages: ['en_US'],
    channels: [{ id: 'website', name: 'Website', maxSessions: null }],
    operators: [newOperator(['website'], 'en_US', 'op1', 'Operator 1')],
    visitors: [newStream('website', 'en_US')],
  };
}

/**
 * A name and id for a new row (operator, channel) that no existing row has: `Operator 4` / `op4`,
 * numbered after the rows already there, the same number in both so they read as a pair.
 */
export function nextNamed(
  label: string,
  idPrefix: string,
  existing: readonly { id: string; name: string }[],
): { id: string; name: string } {
  const ids = new Set(existing.map((x) => x.id));
  const names = new Set(existing.map((x) => x.name.trim().toLowerCase()));
  for (let k = existing.length + 1; ; k++) {
    const name = `${label} ${k}`;
    if (!ids.has(`${idPrefix}${k}`) && !names.has(name.toLowerCase()))
      return { id: `${idPrefix}${k}`, name };
  }
}

export function newOperator(channels: string[], lang: string, id: string, name: string): Operator {
  return {
    id,
    name,
    chatName: '',
    lang,
    extraLanguages: [],
    country: '',
    expertises: [],
    channels,
    activity: { kind: 'always' },
  };
}

export function newStream(channel: string, lang: string): VisitorStream {
  return {
    channel,
    arrivalsPerHour: 12,
    languages: { [lang]: 1 },
    expertises: [],
    returningFraction: 0,
    chatMinutes: { dist: 'exponential', mean: 8 },
    patienceMinutes: { dist: 'exponential', mean: 5 },
  };
}

/**
 * Optional text fields left empty in the form are dropped before validation, so an empty country
 * box means "no country" rather than an invalid empty code.
 */
export function cleanDraft(draft: Scenario): unknown {
  const copy = structuredClone(draft) as unknown as Record<string, unknown>;
  if (copy.description === '') delete copy.description;
  for (const op of (copy.operators as Record<string, unknown>[] | undefined) ?? []) {
    if (op && typeof op === 'object') {
      if (op.chatName === '') delete op.chatName;
      if (op.country === '' || op.country === null) delete op.country;
    }
  }
  return copy;
}

/** Errors indexed by field path, with the CLI's exact words. */
export function indexErrors(errors: readonly ScenarioError[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of errors) {
    const list = map.get(e.path) ?? [];
    list.push(e.message);
    map.set(e.path, list);
  }
  return map;
}

/** A file name for exporting a scenario: `rush-hour.json`. */
export function fileNameFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'scenario'}.json`;
}

/** `"billing, refunds"` → `['billing', 'refunds']`. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `{BE: 2, FR: 1}` → `"BE: 2, FR: 1"`. */
export function formatWeights(weights: Record<string, number> | undefined): string {
  return Object.entries(weights ?? {})
    .map(([k, w]) => `${k}: ${w}`)
    .join(', ');
}

/**
 * `"BE: 2, FR"` → `{BE: 2, FR: 1}`; empty → undefined. A weight that is not a number is kept as
 * NaN so the validator names the field, rather than being silently dropped.
 */
export function parseWeights(raw: string): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const part of parseList(raw)) {
    const [key, weight] = part.split(':').map((s) => s.trim());
    if (key) out[key] = weight === undefined || weight === '' ? 1 : Number(weight);
  }
  return Object.keys(out).length ? out : undefined;
}
