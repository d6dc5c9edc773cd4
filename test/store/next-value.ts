/** The next value an observable (e.g. a liveQuery) emits that satisfies `ok`. */
export function nextValue<T>(
  observable: {
    subscribe(next: (v: T) => void, error?: (e: unknown) => void): { unsubscribe(): void };
  },
  ok: (v: T) => boolean,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const sub = observable.subscribe((v) => {
      if (!done && ok(v)) {
        done = true;
        setTimeout(() => sub.unsubscribe());
        resolve(v);
      }
    }, reject);
  });
}
