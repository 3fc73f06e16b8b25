// The FIFO scheduler: tasks start in the order they were submitted, each on the least busy ready
// worker with room under `concurrency`. A task that leaves the queue early (timeout, abort) is
// only marked, and skipped when its turn comes, so removal stays O(1).
import { RingQueue } from "./ring-queue.ts";
import type { Task } from "./task.ts";
import type { WorkerSlot } from "./worker-slot.ts";

export class FifoScheduler {
  readonly #queue = new RingQueue<Task>();
  #waiting = 0;

  constructor(readonly concurrency: number) {}

  /** Tasks waiting for a worker (not counting those marked as gone). */
  get waiting(): number {
    return this.#waiting;
  }

  enqueue(task: Task): void {
    task.state = "queued";
    this.#queue.push(task);
    this.#waiting++;
  }

  /** Takes a queued task out of line; it is skipped when reached. */
  remove(task: Task): void {
    if (task.state !== "queued") return;
    task.state = "done";
    this.#waiting--;
  }

  /** The next task in submission order, or undefined. */
  next(): Task | undefined {
    for (let task = this.#queue.shift(); task !== undefined; task = this.#queue.shift()) {
      if (task.state === "queued") {
        this.#waiting--;
        return task;
      }
    }
    return undefined;
  }

  /** Empties the queue, returning the tasks that were still waiting, oldest first. */
  drain(): Task[] {
    const live = this.#queue.drain().filter((t) => t.state === "queued");
    this.#waiting = 0;
    return live;
  }

  /** The ready worker with the fewest running tasks and room for one more, or undefined. */
  pickWorker(slots: Iterable<WorkerSlot>): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of slots) {
      if (slot.state !== "ready" || slot.running.size >= this.concurrency) continue;
      if (!best || slot.running.size < best.running.size) best = slot;
      if (best.running.size === 0) break;
    }
    return best;
  }

  /**
   * How many more workers to start so that the waiting tasks have somewhere to go: starting
   * workers already count for `concurrency` tasks each; never past `max` workers in all.
   */
  workersToStart(slots: Iterable<WorkerSlot>, max: number): number {
    let live = 0;
    let starting = 0;
    for (const slot of slots) {
      if (slot.state === "ready" || slot.state === "starting") live++;
      if (slot.state === "starting") starting++;
    }
    const unserved = this.#waiting - starting * this.concurrency;
    if (unserved <= 0) return 0;
    return Math.min(max - live, Math.ceil(unserved / this.concurrency));
  }
}
