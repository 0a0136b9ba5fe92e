/**
 * `select`: wait on several sources and take a value from exactly one.
 *
 * `Promise.race([a.recv(), b.recv()])` loses messages: the losing `recv`
 * still takes its value, and nobody reads it. `select` never does. It polls
 * each branch synchronously (taking at most one value, from one branch);
 * when none is ready it asks each source to wake it, and polls again. A
 * branch that does not win has consumed nothing, so `select` can be called
 * in a loop, with a timeout or a shutdown branch, without losing a value.
 *
 * When several branches are ready at once, polling starts at a random
 * branch, as Tokio's `select!` does, so no branch starves another.
 *
 * Sources: mpsc/mpmc and broadcast receivers (resolve like `recv()`),
 * oneshot receivers (like `recv()`), watch receivers (the new value, like
 * `changed()` then `borrowAndUpdate()`), `Notify` (like `notified()`), and
 * an `AbortSignal` (its reason, once aborted).
 *
 * @module
 */

import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
} from './internal/select-protocol.js';

/** Anything `select` can wait on. */
export type SelectSource = Selectable<unknown> | AbortSignal;

/** The value a branch resolves with. */
export type SelectValue<S> = S extends AbortSignal
  ? unknown
  : S extends Selectable<infer V>
    ? V
    : never;

/** What `select` resolves with: which branch won, and its value. */
export type SelectResult<S extends Record<string, SelectSource>> = {
  [K in keyof S & string]: { readonly key: K; readonly value: SelectValue<S[K]> };
}[keyof S & string];

function signalHandle(signal: AbortSignal): SelectHandle<unknown> {
  let watching: (() => void) | null = null;
  return {
    poll: (): unknown | Pending => (signal.aborted ? signal.reason : PENDING),
    watch: (wake) => {
      if (watching !== null) return;
      watching = wake;
      signal.addEventListener('abort', wake, { once: true });
    },
    unwatch: () => {
      if (watching !== null) signal.removeEventListener('abort', watching);
    },
  };
}

/**
 * Waits until one of `sources` is ready and resolves `{ key, value }` for
 * exactly that one. A branch whose source rejects (a oneshot whose sender
 * closed, a lagged broadcast receiver, a closed watch) makes `select`
 * reject with that error.
 *
 * Cancel safety: aborting `signal` before a branch wins takes nothing from
 * any source; the promise rejects with the signal's reason. Branches that
 * do not win never consume.
 *
 * @throws TypeError (as a rejection) when `sources` is empty or holds something that is not a source.
 */
export function select<S extends Record<string, SelectSource>>(
  sources: S,
  options?: { signal?: AbortSignal },
): Promise<SelectResult<S>> {
  const keys = Object.keys(sources);
  if (keys.length === 0)
    return Promise.reject(new TypeError('Expected at least one select branch, got none'));
  const handles: SelectHandle<unknown>[] = [];
  for (const key of keys) {
    const source = sources[key] as SelectSource;
    if (source instanceof AbortSignal) handles.push(signalHandle(source));
    else if (typeof (source as Partial<Selectable<unknown>>)?.[SELECT_HANDLE] === 'function')
      handles.push(source[SELECT_HANDLE]());
    else
      return Promise.reject(
        new TypeError(
          `Expected branch '${key}' to be a channel receiver, Notify or AbortSignal, got ${typeof source}`,
        ),
      );
  }
  const start = Math.floor(Math.random() * handles.length);

  // Returns the winning result, PENDING, or throws a branch's error.
  const pollAll = (): SelectResult<S> | Pending => {
    for (let i = 0; i < handles.length; i++) {
      const index = (start + i) % handles.length;
      const value = handles[index]!.poll();
      if (value !== PENDING) return { key: keys[index], value } as SelectResult<S>;
    }
    return PENDING;
  };

  let first: SelectResult<S> | Pending;
  try {
    first = pollAll();
  } catch (error) {
    return Promise.reject(error);
  }
  if (first !== PENDING) return Promise.resolve(first);
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);

  return new Promise<SelectResult<S>>((resolve, reject) => {
    let scheduled = false;
    let settled = false;
    const finish = (): void => {
      settled = true;
      for (const handle of handles) handle.unwatch();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      if (settled) return;
      finish();
      reject(signal!.reason);
    };
    // Polling happens in a microtask, never inside the wake-up: the wake-up
    // runs in the middle of another operation (a send), whose state must
    // not be re-entered.
    const retry = (): void => {
      scheduled = false;
      if (settled) return;
      let result: SelectResult<S> | Pending;
      try {
        result = pollAll();
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (result === PENDING) {
        for (const handle of handles) handle.watch(wake);
        return;
      }
      finish();
      resolve(result);
    };
    const wake = (): void => {
      if (scheduled || settled) return;
      scheduled = true;
      queueMicrotask(retry);
    };
    for (const handle of handles) handle.watch(wake);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
