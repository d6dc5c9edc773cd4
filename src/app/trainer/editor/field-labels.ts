/**
 * The validator names each problem by its field path (`inactivity.timeoutMinutes: must be greater
 * than 0, got 0`), which the CLI prints as is. The page shows the same problem in the words of the
 * form: the field's label, the unit the form asks for, and no JSON path
 * ("Inactivity timeout must be more than 0 minutes").
 */
import { languageName } from '../../shared/names';

interface FieldWords {
  label: string;
  /** The unit the form's field is in, said after a limit ("more than 0 minutes"). */
  unit?: string;
}

const minutes = (label: string): FieldWords => ({ label, unit: 'minutes' });

/** Labels by path pattern: indices written `[]`, a visitor stream's language weights `languages.*`. */
const FIELDS: Record<string, FieldWords> = {
  name: { label: 'Name' },
  description: { label: 'Description' },
  durationMinutes: minutes('Duration'),
  seed: { label: 'Seed' },
  policy: { label: 'Policy' },
  whenNoOperator: { label: 'When no operator is available' },
  serviceLevelSeconds: { label: 'Service level threshold', unit: 'seconds' },
  startsAt: { label: 'Start of the run' },
  'startsAt.weekday': { label: 'Start weekday' },
  'startsAt.time': { label: 'Start time' },
  inactivity: { label: 'Inactivity' },
  'inactivity.timeoutMinutes': minutes('Inactivity timeout'),
  'inactivity.effect': { label: 'Inactivity effect' },
  languages: { label: 'Enabled languages' },
  'languages[]': { label: 'Enabled language' },
  channels: { label: 'Channels' },
  'channels[]': { label: 'Channel' },
  'channels[].id': { label: 'Channel id' },
  'channels[].name': { label: 'Channel name' },
  'channels[].maxSessions': { label: 'Max sessions per operator' },
  operators: { label: 'Operators' },
  'operators[]': { label: 'Operator' },
  'operators[].id': { label: 'Operator id' },
  'operators[].name': { label: 'Name' },
  'operators[].chatName': { label: 'Online Chat Name' },
  'operators[].lang': { label: 'Main language' },
  'operators[].country': { label: 'Country' },
  'operators[].expertises': { label: 'Expertises' },
  'operators[].expertises[]': { label: 'Expertise' },
  'operators[].extraLanguages': { label: 'Online Chat Languages' },
  'operators[].extraLanguages[]': { label: 'Online Chat Language' },
  'operators[].channels': { label: 'Channels (member at the start)' },
  'operators[].channels[]': { label: 'Channel' },
  'operators[].activity': { label: 'Activity' },
  'operators[].activity.kind': { label: 'Activity' },
  'operators[].activity.breaks': { label: 'Breaks' },
  'operators[].activity.breaks[]': { label: 'Break' },
  'operators[].activity.breaks[].atMinute': { label: 'Break at minute' },
  'operators[].activity.breaks[].minutes': minutes('Break length'),
  'operators[].activity.everyMinutes': minutes('Time between breaks'),
  'operators[].activity.shifts': { label: 'Shifts' },
  'operators[].activity.shifts[]': { label: 'Shift' },
  'operators[].activity.shifts[].days': { label: 'Shift days' },
  'operators[].activity.shifts[].days[]': { label: 'Shift day' },
  'operators[].activity.shifts[].from': { label: 'Shift from' },
  'operators[].activity.shifts[].to': { label: 'Shift to' },
  'operators[].activity.minutes': minutes('Break length'),
  visitors: { label: 'Visitor streams' },
  'visitors[]': { label: 'Visitor stream' },
  'visitors[].channel': { label: 'Channel' },
  'visitors[].arrivals': { label: 'Arrivals' },
  'visitors[].arrivalsPerHour': { label: 'Arrivals per hour' },
  'visitors[].arrivalsPerHour.byHour': { label: 'Arrivals per hour, 00:00 to 23:00' },
  'visitors[].arrivalsPerHour.byWeekday': { label: 'Weekday factors' },
  'visitors[].returningFraction': { label: 'Returning fraction' },
  'visitors[].countries': { label: 'Countries' },
  'visitors[].expertises': { label: 'Expertises asked for' },
  'visitors[].expertises[]': { label: 'Expertise asked for' },
  'visitors[].languages': { label: 'Language mix' },
  'visitors[].chatMinutes': minutes('Chat length'),
  'visitors[].patienceMinutes': minutes('Patience'),
};

/** What a distribution's parameters are called after the field's own label. */
const DIST_PARTS: Record<string, string> = {
  dist: 'distribution',
  mean: 'mean',
  sd: 'sd',
  min: 'min',
  max: 'max',
  value: 'value',
};

/** `operators[2].activity.breaks[0].minutes` → `operators[].activity.breaks[].minutes`. */
const pattern = (path: string) => path.replace(/\[\d+\]/g, '[]');

/** The form's words for the field at `path`, or null when the form has no field there. */
export function fieldWords(path: string): FieldWords | null {
  const p = pattern(path);
  if (FIELDS[p]) return FIELDS[p];
  // A stream's weight for one language: `visitors[0].languages.fr_FR` (or `languages["fr_FR"]`).
  const lang = /^visitors\[\]\.languages(?:\.([\w-]+)|\["([^"]+)"\])$/.exec(p);
  if (lang) return { label: `Weight of ${languageName(lang[1] ?? lang[2])}` };
  // A weekday's factor of an hourly profile: `visitors[0].arrivalsPerHour.byWeekday.monday`.
  const day = /^visitors\[\]\.arrivalsPerHour\.byWeekday\.(\w+)$/.exec(p);
  if (day) return { label: `${day[1].charAt(0).toUpperCase()}${day[1].slice(1, 3)} × factor` };
  // A distribution's parameter: `visitors[0].chatMinutes.mean` → "Chat length mean".
  const dot = p.lastIndexOf('.');
  const parent = FIELDS[p.slice(0, dot)];
  const part = DIST_PARTS[p.slice(dot + 1)];
  if (parent && part)
    return { label: `${parent.label} ${part}`, unit: part === 'dist' ? undefined : parent.unit };
  return null;
}

/** The label alone: the form's words, or the path's last name made readable. */
export function fieldLabel(path: string): string {
  const words = fieldWords(path);
  if (words) return words.label;
  const last = /([A-Za-z]\w*)(?:\[\d+\])?$/.exec(path)?.[1] ?? path;
  const spaced = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * One problem in the form's words: `Inactivity timeout must be more than 0 minutes`.
 * Limits get the field's unit; "got …" is dropped where the value is in the field beside it.
 */
export function fieldError(path: string, message: string): string {
  const words = fieldWords(path);
  const label = fieldLabel(path);
  const unit = words?.unit ? ` ${words.unit}` : '';
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^must be greater than (-?[\d.]+), got .*$/, (n) => `must be more than ${n}${unit}`],
    [/^must be at least (-?[\d.]+), got .*$/, (n) => `must be at least ${n}${unit}`],
    [
      /^must be at least (\S+) \(or null for unlimited\), got .*$/,
      (n) => `must be at least ${n}, or empty for unlimited`,
    ],
    [/^must be at most (-?[\d.]+), got .*$/, (n) => `must be at most ${n}${unit}`],
    [/^must be between (\S+) and (\S+), got .*$/, (a, b) => `must be between ${a} and ${b}${unit}`],
    [/^must be an integer, got .*$/, () => 'must be a whole number'],
    [/^must be a finite number, got .*$/, () => 'must be a number'],
    [/^expected a number, got .*$/, () => 'must be a number'],
    [/^expected an integer or null, got .*$/, () => 'must be a whole number, or empty'],
    [/^expected a string, got .*$/, () => 'must be text'],
    [/^required field is missing(.*)$/, (rest) => `is required${rest}`],
  ];
  for (const [re, say] of rules) {
    const m = re.exec(message);
    if (m) return `${label} ${say(...m.slice(1))}`;
  }
  // A sentence that goes on from the label reads on; anything else follows a colon.
  return /^(must|is|are|overlaps|ends)\b/.test(message)
    ? `${label} ${message}`
    : `${label}: ${message}`;
}

/**
 * A problem for the list above the form: where it is (`Operator 3 “Marc Demo”`), then the problem
 * in the form's words. Names come from the scenario: untrusted, render as text.
 */
export function problemLine(
  path: string,
  message: string,
  draft: { operators?: { name?: string }[]; channels?: { name?: string }[] },
): string {
  const m = /^(operators|channels|visitors)\[(\d+)\]/.exec(path);
  const problem = fieldError(path, message);
  if (!m)
    return /^(operators|channels|visitors)\b/.test(path) ? problem : `Run settings · ${problem}`;
  const i = Number(m[2]);
  const what = { operators: 'Operator', channels: 'Channel', visitors: 'Visitor stream' }[
    m[1] as 'operators' | 'channels' | 'visitors'
  ];
  const rows = m[1] === 'operators' ? draft.operators : m[1] === 'channels' ? draft.channels : null;
  const name = rows?.[i]?.name?.trim();
  return `${what} ${i + 1}${name ? ` “${name}”` : ''} · ${problem}`;
}
