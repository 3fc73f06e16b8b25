// The bookkeeping every raw floor needs and nothing more: an id per call, a Map of the callers
// waiting, and round-robin over the workers.
import type { AddArgs } from "../tasks/bench-tasks.ts";

/** A call as a raw worker receives it. */
export interface RawCall extends AddArgs {
  id: number;
}

/** A raw worker's answer. */
export interface RawAnswer {
  id: number;
  value: number;
}

/** One raw child process: send a call, stop it; its answers go to the callback given at spawn. */
export interface RawChild {
  send(call: RawCall): void;
  stop(): void;
}

/** Sends `{ id, a, b }` to a worker through `send`, resolves on its answer. */
export class Pending {
  readonly #waiting = new Map<number, (value: number) => void>();
  #next = 0;

  constructor(
    private readonly count: number,
    private readonly send: (worker: number, call: RawCall) => void,
  ) {}

  call({ a, b }: AddArgs): Promise<number> {
    const id = this.#next++;
    return new Promise((resolve) => {
      // Round-robin by call: a burst spreads over the workers, and one call at a time alternates
      // between them, the faster way on this kind of VM (a worker that slept longer wakes sooner:
      // about 27 µs a round trip against 48 µs always waking the same one).
      this.send(id % this.count, { id, a, b });
      this.#waiting.set(id, resolve);
    });
  }

  settle = ({ id, value }: RawAnswer): void => {
    const resolve = this.#waiting.get(id);
    this.#waiting.delete(id);
    resolve?.(value);
  };
}
