/**
 * How an operator is named to a person, on the page and in the CLI: their name, and the id after it
 * only where the name alone would be ambiguous (two operators of the same name).
 */
export function operatorLabels(
  operators: readonly { id: string; name: string }[],
): Map<string, string> {
  const count = new Map<string, number>();
  for (const o of operators) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  return new Map(
    operators.map((o) => [o.id, (count.get(o.name) ?? 0) > 1 ? `${o.name} (${o.id})` : o.name]),
  );
}
