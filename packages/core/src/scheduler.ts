// The FIFO scheduler: tasks start in the order they were submitted, each on the least busy ready
// worker with room under `concurrency`. A task that leaves the queue early (timeout, abort) is
// only marked, and skipped when its turn comes, so removal stays O(1).
import { RingQueue } from "./ring-queue.ts";
import type { Task } from "./task.ts";
import type { WorkerSlot } from "./worker-slot.ts";

/**
 * The FIFO queue of a pool's tasks, and the choice of worker for each: tasks start in submission
 * order, each on the least busy ready worker. A task that leaves early is only marked (O(1)) and
 * skipped when its turn comes.
 */
export class FifoScheduler {
  readonly #queue = new RingQueue<Task>();
  #waiting = 0;

  /** @param concurrency tasks in flight per worker, used to count how many workers to start. */
  constructor(readonly concurrency: number) {}

  /** Tasks waiting for a worker (not counting those marked as gone). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Adds a task at the end of the line. */
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

  /** The next task without taking it, or undefined. */
  peek(): Task | undefined {
    for (let task = this.#queue.peek(); task !== undefined; task = this.#queue.peek()) {
      if (task.state === "queued") return task;
      this.#queue.shift(); // left the queue early: drop it now
    }
    return undefined;
  }

  /** Puts tasks back at the head of the line, in their order (a dead worker's unstarted calls). */
  requeueFront(tasks: Task[]): void {
    if (tasks.length === 0) return;
    const rest = this.#queue.drain();
    for (const task of tasks) {
      task.state = "queued";
      task.slot = undefined;
      this.#queue.push(task);
      this.#waiting++;
    }
    for (const task of rest) this.#queue.push(task);
  }

  /**
   * The ready worker with the fewest calls in flight that can take `task` now: under `limit`
   * calls, under its maxTasks quota, and, for a task with a timeout or signal, one that would
   * start it at once (it must never wait inside a worker, where it could not be taken back).
   */
  pickWorker(
    slots: Iterable<WorkerSlot>,
    task: Task,
    limit: (slot: WorkerSlot) => number,
    maxTasks: number,
  ): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of slots) {
      const inFlight = slot.running.size;
      if (slot.state !== "ready" || inFlight >= limit(slot) || slot.completed + inFlight >= maxTasks)
        continue;
      if (task.cancellable && inFlight >= slot.concurrency) continue;
      if (!best || inFlight < best.running.size) best = slot;
      if (inFlight === 0) break;
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
