/**
 * Numbers as the page and the CLI write them: thousands separators on counts (`16,121`), a fixed
 * number of decimals where a fraction matters. English grouping whatever the machine's locale, so a
 * figure reads the same in a screenshot, a test and the CLI.
 */

const grouped = new Map<number, Intl.NumberFormat>();

/** `x` with thousands separators and exactly `decimals` decimals: `16,121`, `1,234.5`. */
export function decimal(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '—';
  let f = grouped.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    grouped.set(decimals, f);
  }
  // -0 and values that round to zero print without a sign.
  const text = f.format(x);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A whole count with thousands separators: `16,121`. */
export const count = (n: number): string => decimal(Math.round(n));

/** A fraction (0..1) as a percentage: `64.0%`; null (nothing to measure) as `—`. */
export const percent = (x: number | null | undefined, decimals = 1): string =>
  x == null ? '—' : `${decimal(100 * x, decimals)}%`;
