/**
 * The precision figures are reported with in the CLI's `--json` (documented in README.md): no
 * `0.502863636363641`, which claims 15 digits a simulation cannot give.
 * - whole numbers (counts, seeds, events) as they are;
 * - seconds (every key ending in `Seconds`/`seconds`) to 0.1 s;
 * - every other fraction or mean (shares, utilisation, mean open chats) to 4 decimals.
 */
export function roundFigures<T>(value: T, key = ''): T {
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return value;
    const places = /seconds$/i.test(key) ? 1 : 4;
    // + 0 turns -0 into 0.
    return (Math.round(value * 10 ** places) / 10 ** places + 0) as T;
  }
  if (Array.isArray(value)) return value.map((v) => roundFigures(v, key)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundFigures(v, k)])) as T;
  return value;
}
