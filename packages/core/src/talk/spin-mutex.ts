// The short mutex inside a Queue, a Pipe or a Barrier: held for a few hundred nanoseconds while
// bytes are copied and counters moved, never across an await. Its word holds the owner's agent id,
// so the parent can free it if a worker dies holding it (see RELEASE_FOR).
import { agentId } from "./agent.ts";

/** Spins before sleeping: the holder is about to let go. */
const SPINS = 200;

/** Takes the mutex whose owner word is `h[at]` (waiters counted in `h[at + 1]`). */
export function lockMutex(h: Int32Array, at: number): void {
  const me = agentId();
  if (Atomics.compareExchange(h, at, 0, me) === 0) return;
  for (let i = 0; i < SPINS; i++) {
    if (Atomics.load(h, at) === 0 && Atomics.compareExchange(h, at, 0, me) === 0) return;
  }
  for (;;) {
    Atomics.add(h, at + 1, 1);
    const owner = Atomics.load(h, at);
    if (owner !== 0) {
      try {
        Atomics.wait(h, at, owner, 2);
      } catch {
        // A thread that may not block (a browser page's main thread): it spins instead.
      }
    }
    Atomics.sub(h, at + 1, 1);
    if (Atomics.compareExchange(h, at, 0, me) === 0) return;
  }
}

/** Lets the mutex go. */
export function unlockMutex(h: Int32Array, at: number): void {
  Atomics.store(h, at, 0);
  if (Atomics.load(h, at + 1) > 0) Atomics.notify(h, at, 1);
}

/** Frees the mutex if the dead thread `agent` held it (its state was left whole: see the callers). */
export function freeMutexOf(h: Int32Array, at: number, agent: number): void {
  if (Atomics.compareExchange(h, at, agent, 0) === agent) Atomics.notify(h, at, 1);
}
