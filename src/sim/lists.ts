/**
 * Removes `list[k]`, keeping the others in order. Unlike `splice`, allocates no array for what it
 * removed, and it shortens the list by `pop` (writing `length` goes through a slow runtime call):
 * the engine does this once or twice per visitor on short lists (timers, open sessions).
 */
export function removeAt<T>(list: T[], k: number): void {
  for (let i = k + 1; i < list.length; i++) list[i - 1] = list[i];
  list.pop();
}
