/**
 * Makes public/samples/: a synthetic week of an Odoo live chat Sessions report (Live Chat →
 * Reporting → Sessions, exported), as CSV and XLSX with the same rows. NOT REAL DATA: every session
 * is drawn from the seeded streams below. Run: `npx tsx scripts/make-odoo-sample.ts`.
 *
 * The shape is what a small European support team might see: a morning climb, a lunch dip, quiet
 * nights and weekends; two channels; five operators in day, late and weekend shifts, and one on
 * nights. As in Odoo, a visitor who finds no operator gets no session, so nothing is recorded then.
 * Two broken rows (no date, a negative duration) show how an import reports rows it skips.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { stream } from '../src/sim/random.ts';
import { daysFromCivil, formatWallClock } from '../src/sim/import/odoo-sessions.ts';

const OUT = new URL('../public/samples/', import.meta.url);
const FIRST_DAY = daysFromCivil(2026, 3, 2); // a Monday

/** Visitors per hour on an average weekday, by hour of the day. */
const BY_HOUR = [
  1, 0.6, 0.4, 0.4, 0.5, 1, 3, 9, 22, 34, 38, 33, 21, 25, 32, 30, 26, 19, 12, 9, 7, 5, 3, 2,
];
/** Monday first. */
const BY_WEEKDAY = [1.2, 1.1, 1, 1, 0.9, 0.35, 0.25];
/** Brings the week to about 3,000 sessions. */
const SCALE = 1.6;

const CHANNELS = [
  { name: 'Website', weight: 0.7 },
  { name: 'Customer Support', weight: 0.3 },
];

/** Who works when (hours of the day, `to` past 24 runs into the next day) and on which channels. */
const OPERATORS = [
  {
    name: 'Audrey Peterson',
    days: [0, 1, 2, 3, 4],
    from: 8,
    to: 16,
    channels: ['Website', 'Customer Support'],
  },
  { name: 'Marc Demo', days: [0, 1, 2, 3, 4], from: 9, to: 17, channels: ['Website'] },
  {
    name: 'Mitchell Admin',
    days: [0, 1, 2, 3, 4],
    from: 12,
    to: 20,
    channels: ['Website', 'Customer Support'],
  },
  { name: 'Joel Willis', days: [0, 1, 2, 3, 4], from: 16, to: 24, channels: ['Website'] },
  { name: 'Beth Evans', days: [5, 6], from: 9, to: 18, channels: ['Website', 'Customer Support'] },
  { name: 'Jeff Lawson', days: [0, 1, 2, 3, 4, 5, 6], from: 0, to: 7, channels: ['Website'] },
];

const COUNTRIES: [string, number][] = [
  ['Belgium', 40],
  ['France', 25],
  ['United States', 20],
  ['Germany', 10],
  ['Netherlands', 5],
];
const RATINGS: [string, number][] = [
  ['', 60],
  ['Happy', 28],
  ['Neutral', 8],
  ['Unhappy', 4],
];

const arrivals = stream(20260302, 'sample:arrivals');
const details = stream(20260302, 'sample:details');

function pick<T>(items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = details.uniform() * total;
  for (const [item, w] of items) {
    if ((x -= w) < 0) return item;
  }
  return items[items.length - 1][0];
}

const onShift = (weekday: number, hour: number, channel: string) =>
  OPERATORS.filter(
    (o) =>
      o.channels.includes(channel) && o.days.includes(weekday) && hour >= o.from && hour < o.to,
  );

type Row = [string, string, string, number, number, string, string, number];
const rows: Row[] = [];
for (let d = 0; d < 7; d++) {
  for (let h = 0; h < 24; h++) {
    // Poisson arrivals within the hour: exponential gaps at the hour's rate.
    const rate = SCALE * BY_HOUR[h] * BY_WEEKDAY[d];
    for (
      let t = arrivals.exponential(3600 / rate);
      t < 3600;
      t += arrivals.exponential(3600 / rate)
    ) {
      const channel = pick(CHANNELS.map((c) => [c.name, c.weight]));
      const who = onShift(d, h, channel);
      if (who.length === 0) continue; // Odoo: no operator, no session
      const operator = who[Math.floor(details.uniform() * who.length)].name;
      const withoutAnswer = details.uniform() < 0.04;
      const duration = withoutAnswer
        ? Math.round(details.uniform() * 60)
        : Math.max(20, Math.round(details.sample({ dist: 'lognormal', mean: 420, sd: 300 })));
      const answer = withoutAnswer
        ? 0
        : Math.round(details.sample({ dist: 'lognormal', mean: 25, sd: 30 }));
      const start = (FIRST_DAY + d) * 86400 + h * 3600 + Math.floor(t);
      rows.push([
        formatWallClock(start),
        channel,
        operator,
        duration,
        answer,
        pick(COUNTRIES),
        withoutAnswer ? '' : pick(RATINGS),
        withoutAnswer ? 1 : 0,
      ]);
    }
  }
}
// Two rows an import must skip, as real exports sometimes have.
rows.splice(120, 0, ['', 'Website', 'Marc Demo', 300, 12, 'Belgium', '', 0]);
rows.splice(2000, 0, [
  rows[1999][0],
  'Customer Support',
  'Audrey Peterson',
  -35,
  8,
  'France',
  '',
  0,
]);

const HEADER = [
  'Start Date of session',
  'Channel',
  'Operator',
  'Duration',
  'Time to answer (sec)',
  'Country of the visitor',
  'Satisfaction Rate',
  'Session(s) without answer',
];

const csvCell = (x: string | number) => {
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
mkdirSync(OUT, { recursive: true });
writeFileSync(
  new URL('odoo-sessions-week.csv', OUT),
  [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n',
);

/** A wall-clock reading as the Date whose UTC fields are that reading (the XLSX stores no zone). */
const asUtcDate = (wall: string) => {
  const [date, time] = wall.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
};
await writeXlsxFile(
  [
    HEADER.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((r) => [
      r[0] === '' ? null : { value: asUtcDate(r[0]), type: Date, format: 'yyyy-mm-dd hh:mm:ss' },
      { value: r[1] },
      { value: r[2] },
      { value: r[3], type: Number },
      { value: r[4], type: Number },
      { value: r[5] },
      r[6] === '' ? null : { value: r[6] },
      { value: r[7], type: Number },
    ]),
  ],
  { sheet: 'Sessions' },
).toFile(new URL('odoo-sessions-week.xlsx', OUT).pathname);
console.log(`${rows.length} rows (2 broken on purpose) in public/samples/`);
