import type { VisitorAssigned } from '../../sim/events';
import type { Names } from '../shared/names';

/** One row of the assignments list. */
export interface AssignmentRow {
  index: number;
  t: number;
  visitor: string;
  operator: string;
  channel: string;
}

/**
 * Every assignment of the run, in a compact form: the time in a typed array, the ids as references
 * to strings the engine already made. The reasons are not kept (a long run at top speed would hold
 * tens of thousands of objects and the garbage collector would stall frames); an old one is
 * recomputed by replay when someone opens it.
 */
export class AssignmentLog {
  #t = new Float64Array(1024);
  #visitor: string[] = [];
  #operator: string[] = [];
  #channel: string[] = [];

  get length(): number {
    return this.#visitor.length;
  }

  push(e: Pick<VisitorAssigned, 't' | 'visitor' | 'operator' | 'channel'>): void {
    const i = this.#visitor.length;
    if (i === this.#t.length) {
      const grown = new Float64Array(i * 2);
      grown.set(this.#t);
      this.#t = grown;
    }
    this.#t[i] = e.t;
    this.#visitor.push(e.visitor);
    this.#operator.push(e.operator);
    this.#channel.push(e.channel);
  }

  clear(): void {
    this.#visitor = [];
    this.#operator = [];
    this.#channel = [];
  }

  at(index: number): AssignmentRow | undefined {
    if (index < 0 || index >= this.#visitor.length) return undefined;
    return {
      index,
      t: this.#t[index],
      visitor: this.#visitor[index],
      operator: this.#operator[index],
      channel: this.#channel[index],
    };
  }

  /**
   * The newest `limit` assignments among the first `count` whose visitor, operator or channel
   * name contains `query` (case-insensitive), newest first, and how many match in all. A visitor
   * named in full comes first.
   */
  search(
    query: string,
    names: Names,
    limit: number,
    count = this.length,
  ): { rows: AssignmentRow[]; total: number } {
    const q = query.trim().toLowerCase();
    const n = Math.min(count, this.length);
    const rows: AssignmentRow[] = [];
    if (!q) {
      for (let i = n - 1; i >= 0 && rows.length < limit; i--) rows.push(this.at(i)!);
      return { rows, total: n };
    }
    // Names repeat: match each operator and channel once, not once per row.
    const hit = new Map<string, boolean>();
    const matches = (key: string, name: () => string) => {
      let m = hit.get(key);
      if (m === undefined) hit.set(key, (m = name().toLowerCase().includes(q)));
      return m;
    };
    // A visitor named in full ("Visitor #1" or "#1") comes first, before #10, #11, #100…
    const exact: AssignmentRow[] = [];
    let total = 0;
    for (let i = n - 1; i >= 0; i--) {
      const v = names.visitor(this.#visitor[i]).toLowerCase();
      const o = this.#operator[i];
      const c = this.#channel[i];
      if (v === q || v.endsWith(` ${q}`)) {
        total++;
        exact.push(this.at(i)!);
      } else if (
        v.includes(q) ||
        matches(`o:${o}`, () => names.operator(o)) ||
        matches(`c:${c}`, () => names.channel(c))
      ) {
        total++;
        if (rows.length < limit) rows.push(this.at(i)!);
      }
    }
    rows.unshift(...exact);
    rows.length = Math.min(rows.length, limit);
    return { rows, total };
  }
}

/**
 * The visitor picker's options: the in-flight visitors whose label contains `query`, at most
 * `limit` of them (a <select> rebuilt with hundreds of options every frame is slow), with the
 * selected one always offered, how many matched in all, and the first match.
 */
export function pickVisitors(
  ids: readonly string[],
  query: string,
  label: (id: string) => string,
  limit: number,
  selected: string | null,
): { ids: string[]; total: number; first: string | null } {
  const q = query.trim().toLowerCase();
  const out: string[] = [];
  let total = 0;
  for (const id of ids) {
    if (q && !label(id).toLowerCase().includes(q) && !id.toLowerCase().includes(q)) continue;
    total++;
    if (out.length < limit) out.push(id);
  }
  const first = out[0] ?? null;
  if (selected && ids.includes(selected) && !out.includes(selected)) out.unshift(selected);
  return { ids: out, total, first };
}
