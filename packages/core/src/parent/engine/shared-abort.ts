// One "abort" listener per signal, however many calls watch it. A map's chunks all watch the
// same signals (its withdrawal, the caller's signal): one listener each would pass the 10 that
// Node allows on an AbortSignal before it warns of a leak (MaxListenersExceededWarning). The
// listener goes when its last watcher does, so a long-lived signal keeps none between calls.

const watchers = new WeakMap<AbortSignal, { fns: Set<() => void>; fire: () => void }>();

/** Calls `fn` when `signal` aborts; returns what unregisters it. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let group = watchers.get(signal);
  if (!group) {
    const fns = new Set<() => void>();
    const fire = () => {
      watchers.delete(signal);
      for (const f of [...fns]) f();
    };
    group = { fns, fire };
    watchers.set(signal, group);
    signal.addEventListener("abort", fire, { once: true });
  }
  const { fns, fire } = group;
  fns.add(fn);
  return () => {
    if (!fns.delete(fn) || fns.size > 0 || watchers.get(signal)?.fns !== fns) return;
    watchers.delete(signal);
    signal.removeEventListener("abort", fire);
  };
}
