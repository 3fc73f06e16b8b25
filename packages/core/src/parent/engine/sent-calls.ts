// What a slot remembers of the calls it sent: which are unanswered, in which message each went,
// how long each export takes there (to mark tiny calls `quick`), and, when the worker dies,
// which of the unanswered ones it may have started.
import type { Task } from "./task.ts";

/** An export averaging under this many ms in a worker is tiny: its calls are sent marked `quick`. */
const QUICK_MS = 2;

export class SentCalls<T extends Task<unknown>> {
  /** Calls sent and not yet answered, in the order sent (the worker starts them in that order). */
  readonly #unanswered: Map<number, T> = new Map();
  #cancellable = 0;
  /** Set when the worker said it is ending: the ids of the calls it had running then. */
  #exitingWith: Set<number> | undefined;
  /** Calls whose message the adapter could not deliver (the worker was gone): they never started. */
  readonly #undelivered = new Set<number>();
  /** Messages of calls sent so far: numbers each task's message (see takeUnanswered). */
  #messagesSent = 0;
  /** Moving average of each export's time in this worker (ms), to mark tiny calls `quick`. */
  readonly #fnMs = new Map<string, number>();

  get size(): number {
    return this.#unanswered.size;
  }

  get cancellable(): number {
    return this.#cancellable;
  }

  get(id: number): T | undefined {
    return this.#unanswered.get(id);
  }

  has(id: number): boolean {
    return this.#unanswered.has(id);
  }

  add(task: T): void {
    this.#unanswered.set(task.id, task);
    if (task.cancellable) this.#cancellable++;
  }

  /** Forgets a call: answered, cancelled, or taken back after the worker died. */
  delete(task: T): void {
    if (this.#unanswered.delete(task.id) && task.cancellable) this.#cancellable--;
  }

  /** The number of the next message of calls, for Task.sentInMessage. */
  nextMessage(): number {
    return ++this.#messagesSent;
  }

  /** A call without timeout or signal to an export known to take under QUICK_MS here. */
  isQuick(task: T): boolean {
    if (task.cancellable) return false;
    const ms = this.#fnMs.get(task.fn);
    return ms !== undefined && ms < QUICK_MS;
  }

  /** Adds one answered call's time to its export's average. */
  timed(fn: string, ms: number): void {
    const average = this.#fnMs.get(fn);
    this.#fnMs.set(fn, average === undefined ? ms : average * 0.8 + ms * 0.2);
  }

  /** The adapter could not deliver the message of these calls: the worker never saw them. */
  undelivered(ids: readonly number[]): void {
    for (const id of ids) this.#undelivered.add(id);
  }

  /** The worker said it is ending, with these calls running. */
  exiting(running: readonly number[]): void {
    this.#exitingWith = new Set(running);
  }

  /**
   * Forgets every unanswered call, sorted into those the worker had started and those it never
   * did: the ones it named as it ended, if it said; else, as it starts calls in the order sent
   * and at most `concurrency` at a time, the first `concurrency` of those it received.
   */
  takeUnanswered(concurrency: number): { started: T[]; unstarted: T[] } {
    const unanswered = [...this.#unanswered.values()];
    for (const task of unanswered) this.delete(task);
    const said = this.#exitingWith;
    if (said) {
      return {
        started: unanswered.filter((t) => said.has(t.id)),
        unstarted: unanswered.filter((t) => !said.has(t.id)),
      };
    }
    const received = unanswered.filter((t) => !this.#undelivered.has(t.id));
    // Results of quick calls may have been held (and lost with the worker) while later quick
    // calls of the same message ran: any of that run may have started, so all of it counts.
    let end = Math.min(concurrency, received.length);
    while (end > 0 && end < received.length) {
      const previous = received[end - 1] as T;
      const next = received[end] as T;
      if (!previous.sentQuick || !next.sentQuick || previous.sentInMessage !== next.sentInMessage) break;
      end++;
    }
    const started = new Set(received.slice(0, end));
    return { started: [...started], unstarted: unanswered.filter((t) => !started.has(t)) };
  }
}
