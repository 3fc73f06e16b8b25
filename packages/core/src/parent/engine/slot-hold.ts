// What a worker slot holds besides its calls: whether its worker keeps the program alive (a busy
// or ending worker does, an idle one must not), its idle timer, and the timer that follows a
// SIGTERM with SIGKILL. Apart from worker-slot.ts, which decides when; this only does.
import type { WorkerHandle } from "../adapter.ts";

export class SlotHold {
  readonly #handle: WorkerHandle;
  /** What ref/unref was last asked of the handle: the pool asks after every answer, the handle need not hear it again. */
  #referenced: boolean | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #killTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(handle: WorkerHandle) {
    this.#handle = handle;
  }

  /** The worker keeps the program alive (it works, or its exit is awaited). */
  ref(): void {
    if (this.#referenced === true) return;
    this.#referenced = true;
    this.#handle.ref?.();
  }

  /** The worker lets the program end (it is idle). */
  unref(): void {
    if (this.#referenced === false) return;
    this.#referenced = false;
    this.#handle.unref?.();
  }

  /** Calls `onIdle` after `ms`, unless cleared first; the timer itself keeps nothing alive. */
  idleFor(ms: number, onIdle: () => void): void {
    if (ms === Number.POSITIVE_INFINITY || this.#idleTimer !== undefined) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      onIdle();
    }, ms);
    (this.#idleTimer as { unref?: () => void }).unref?.();
  }

  clearIdleTimer(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** After `graceMs`, SIGKILL for a worker `alive()` still says lives (one that handles SIGTERM). */
  killAfter(graceMs: number, alive: () => boolean): void {
    if (this.#killTimer !== undefined) return;
    this.#killTimer = setTimeout(() => {
      if (alive()) this.#handle.terminate("SIGKILL");
    }, graceMs);
  }

  /** The worker has ended: no timer is needed any more. */
  ended(): void {
    this.clearIdleTimer();
    if (this.#killTimer !== undefined) clearTimeout(this.#killTimer);
  }
}
