/**
 * Sweep parameters: what `--vary NAME=VALUES` may change, and how its VALUES are read.
 *
 * VALUES is a list `a,b,c`, an integer range `a:b` (both ends included) or `a:b:step`. Every problem
 * is one line naming the flag and the parameter, as scenario errors name their field.
 */
import { POLICY_NAMES } from '../scenario/types.ts';

/** The parameters a sweep can vary (src/sim/sweep/transform.ts applies them to a scenario). */
export const PARAM_NAMES = [
  'operators',
  'rate',
  'maxSessions',
  'timeoutMinutes',
  'policy',
] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

/** One value of a parameter: a number, a policy name, or null (`maxSessions` unlimited). */
export type ParamValue = number | string | null;

export interface Vary {
  name: ParamName;
  values: ParamValue[];
}

/** At most two parameters: a curve, or a family of curves. */
export const MAX_VARY = 2;

/** Ranges past this many values are surely a typo (and would take hours). */
const MAX_VALUES = 1000;

/** What each parameter accepts, worded for the error line. */
const RULES: Record<ParamName, { accepts: string; read(text: string): ParamValue | undefined }> = {
  operators: counting('an integer ≥ 1 (the number of operators)', true),
  rate: counting('a number > 0 (a multiplier of every arrival rate)', false),
  maxSessions: {
    accepts: 'an integer ≥ 1 or null (unlimited)',
    read: (t) => (t === 'null' ? null : counting('', true).read(t)),
  },
  timeoutMinutes: counting('a number of minutes > 0', false),
  policy: {
    accepts: `a policy name (${POLICY_NAMES.join(', ')})`,
    read: (t) => ((POLICY_NAMES as readonly string[]).includes(t) ? t : undefined),
  },
};

/** A rule for a positive number: > 0, and a whole number ≥ 1 when `integer`. */
function counting(accepts: string, integer: boolean) {
  return {
    accepts,
    read(text: string): ParamValue | undefined {
      const n = number(text);
      return n !== undefined && n > 0 && (!integer || Number.isInteger(n)) ? n : undefined;
    },
  };
}

/** A finite decimal number written plainly (no hex, no empty string, no "Infinity"). */
function number(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function isParamName(name: string): name is ParamName {
  return (PARAM_NAMES as readonly string[]).includes(name);
}

/** Reads one `NAME=VALUES` argument of `--vary`. */
export function parseVary(arg: string): { vary?: Vary; error?: string } {
  const at = arg.indexOf('=');
  const fail = (why: string) => ({ error: `--vary ${arg}: ${why}` });
  if (at < 0) return fail('expected NAME=VALUES, e.g. operators=4:12');
  const name = arg.slice(0, at).trim();
  const text = arg.slice(at + 1).trim();
  if (!isParamName(name)) {
    return fail(`"${name}" is not a sweep parameter (valid: ${PARAM_NAMES.join(', ')})`);
  }
  if (text === '') return fail(`no values (expected a list a,b,c or a range a:b or a:b:step)`);
  const rule = RULES[name];

  let values: ParamValue[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length > 3) return fail(`"${text}" is not a range a:b or a:b:step`);
    const nums = parts.map((p) => number(p.trim()));
    if (nums.some((n) => n === undefined || !Number.isInteger(n))) {
      return fail(`"${text}": a range takes integers, a:b or a:b:step`);
    }
    const [from, to, step = 1] = nums as number[];
    if (step <= 0) return fail(`"${text}": the step must be at least 1`);
    if (from > to) return fail(`"${text}" is an empty range (${from} > ${to})`);
    if ((to - from) / step + 1 > MAX_VALUES) {
      return fail(`"${text}" has more than ${MAX_VALUES} values`);
    }
    values = [];
    for (let v = from; v <= to; v += step) values.push(v);
  } else {
    values = text.split(',').map((t) => t.trim()) as ParamValue[];
  }

  const read: ParamValue[] = [];
  for (const raw of values) {
    const t = String(raw);
    if (t === '') return fail(`an empty value in "${text}"`);
    const v = rule.read(t);
    if (v === undefined) return fail(`"${t}" is not ${rule.accepts}`);
    if (read.includes(v)) return fail(`"${t}" is listed twice`);
    read.push(v);
  }
  if (read.length > MAX_VALUES) return fail(`more than ${MAX_VALUES} values`);
  return { vary: { name, values: read } };
}

/** Reads every `--vary` argument; also refuses a parameter varied twice and more than two. */
export function parseVaries(args: readonly string[]): { varies: Vary[]; errors: string[] } {
  const varies: Vary[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    const { vary, error } = parseVary(arg);
    if (error) errors.push(error);
    else if (varies.some((x) => x.name === vary!.name)) {
      errors.push(`--vary ${arg}: ${vary!.name} is already varied`);
    } else varies.push(vary!);
  }
  if (args.length === 0) errors.push('--vary: at least one NAME=VALUES is needed');
  if (args.length > MAX_VARY) {
    errors.push(`--vary: at most ${MAX_VARY} parameters (got ${args.length})`);
  }
  return { varies, errors };
}
