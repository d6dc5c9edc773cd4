/**
 * Record ids: random, so two tabs never collide. `crypto.getRandomValues` works on plain http
 * pages too, where `crypto.randomUUID` is missing.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${prefix}-${s}`;
}
