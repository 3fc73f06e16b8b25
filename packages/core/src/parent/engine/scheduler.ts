// Every scheduling decision of a pool, over read-only views of its workers: which worker gets the
// next call, how many calls a worker holds ahead of time, when workers start, when one retires.
// Tasks start in the order they were submitted. A task that leaves the queue early (timeout,
// abort) is only skipped when its turn comes, so removal stays O(1).
import { RingQueue } from "../../shared/ring-queue.ts";
import type { Task } from "./task.ts";

/** Where a worker is in its life, as the pool sees it. */
export type WorkerState = "starting" | "ready" | "stopping" | "gone";

/** What the scheduler may read of a worker; it never changes one. */
export interface WorkerView {
  /** Where the worker is in its life: only a "ready" one is given calls. */
  readonly state: WorkerState;
  /** Calls sent and not yet answered. */
  readonly inFlight: number;
  /** Of those, calls with a timeout or signal. */
  readonly cancellableInFlight: number;
  /** Calls it has answered. */
  readonly completed: number;
  /** When its last call was answered (performance.now(); 0 before any): with none in flight, how long it has slept. */
  readonly lastAnswerAt: number;
  /** Whether it waits awake for a call now (see WorkerHandle.awake): one sent now starts at once. */
  readonly awake: boolean;
}

/** The pool options the scheduler decides by. */
export interface SchedulingPolicy {
  /** Workers at most. */
  workers: number;
  /** Calls a worker runs at once. */
  concurrency: number;
  /** Short calls a worker may hold beyond `concurrency`, sent ahead (0: none). */
  prefetch: number;
  /** Calls a worker answers before it retires. */
  maxTasksPerWorker: number;
}

/** Tasks shorter than this (ms, on average) are sent ahead: a round trip is then a large share of their cost. */
const SHORT_TASK_MS = 2;

/**
 * Chunks of a bulk call (map, starmap, imap) shorter than this on average are sent ahead too:
 * each carries many items, and a worker that waits for its next one to be packed, posted and
 * unpacked after every answer loses 3 to 6% of a map of short documents (measured on Node, Deno
 * and Bun threads, chunks of 6 ms). Longer chunks are not: one held ahead could then leave
 * another worker idle at the end for longer than all the waits it saves.
 */
const CHUNK_AHEAD_MS = 20;

/** About how much work (ms, at the average task time) a worker holds beyond what it runs. */
const AHEAD_MS = 8;

/** The FIFO scheduler: the pool's queue, and what to do with it. */
export class FifoScheduler<T extends Task<unknown> = Task> {
  readonly #queue = new RingQueue<T>();
  readonly #policy: SchedulingPolicy;
  #waiting = 0;
  /** Each worker's call limit during a dispatch, reused (see dispatch). */
  readonly #limits: number[] = [];
  /** Moving average of how long calls take in a worker, in ms (undefined until one has been answered). */
  #taskMs: number | undefined;

  constructor(policy: SchedulingPolicy) {
    this.#policy = policy;
  }

  /** Tasks waiting for a worker (not counting those that left early). */
  get waiting(): number {
    return this.#waiting;
  }

  /** Queues a new task, or one taken back from a worker that never started it. */
  enqueue(task: T): void {
    task.requeued();
    this.#queue.push(task);
    this.#waiting++;
  }

  /** A queued task is leaving (timed out, aborted): it no longer counts, and is skipped when reached. */
  remove(task: T): void {
    if (task.state === "queued") this.#waiting--;
  }

  /** Empties the queue, returning the tasks that were still waiting, oldest first. */
  drain(): T[] {
    const live = this.#queue.drain().filter((t) => t.state === "queued");
    this.#waiting = 0;
    return live;
  }

  /** Puts tasks back at the head of the line, in their order (a dead worker's unstarted calls). */
  requeueFront(tasks: T[]): void {
    if (tasks.length === 0) return;
    const rest = this.#queue.drain();
    for (const task of tasks) this.enqueue(task);
    for (const task of rest) this.#queue.push(task);
  }

  /** A call was answered after `ms` in its worker: tasks short on average are sent ahead. */
  observe(ms: number): void {
    this.#taskMs = this.#taskMs === undefined ? ms : this.#taskMs * 0.8 + ms * 0.2;
  }

  /**
   * Hands waiting tasks to workers, in FIFO order, by calling `assign` for each: first to workers
   * with room under `concurrency`; then, when tasks are short (or the next ones are chunks that
   * are not long, see CHUNK_AHEAD_MS) and every worker is up, ahead of time up to
   * `concurrency + prefetch` (fewer for tasks that are not tiny: about AHEAD_MS of work, and no
   * more than an even share of what waits), topping up only workers down to half that window, so
   * calls go out in batches. A task with a timeout or signal is never sent ahead.
   */
  dispatch<W extends WorkerView>(workers: readonly W[], assign: (task: T, worker: W) => void): void {
    const { concurrency, prefetch, workers: max } = this.#policy;
    // Reused: this runs after every answer and every submit, so it allocates nothing.
    const limits = this.#limits;
    if (limits.length !== workers.length) limits.length = workers.length;
    limits.fill(concurrency);
    this.#handOut(workers, limits, assign);
    if (this.#waiting === 0 || prefetch === 0 || !allUp(workers, max)) return;
    const ahead = this.#aheadKind();
    if (ahead === undefined) return;
    // Top up only workers that have run down to half their window, decided before any is given more.
    // A worker holds no more ahead than its even share of what waits: a short queue (a run of
    // longer tasks behind many tiny ones) is split among workers, a burst gets the whole window.
    const window = Math.min(this.#aheadWindow(prefetch), this.#fairShare(workers));
    const lowWater = concurrency + Math.floor(window / 2);
    for (let i = 0; i < workers.length; i++) {
      const worker = workers[i] as W;
      limits[i] =
        worker.inFlight > lowWater ? 0 : worker.cancellableInFlight > 0 ? concurrency : concurrency + window;
    }
    this.#handOut(workers, limits, assign, ahead === "chunks");
  }

  /**
   * How many workers to start so that the waiting tasks have somewhere to go: starting workers
   * count for `concurrency` tasks each; never past `workers` in all, counting those still stopping.
   */
  workersToStart(workers: Iterable<WorkerView>): number {
    if (this.#waiting === 0) return 0; // nothing waits (the usual case, checked after every answer)
    const { concurrency, workers: max } = this.#policy;
    let alive = 0;
    let starting = 0;
    for (const worker of workers) {
      if (worker.state !== "gone") alive++;
      if (worker.state === "starting") starting++;
    }
    const unserved = this.#waiting - starting * concurrency;
    if (unserved <= 0) return 0;
    return Math.max(0, Math.min(max - alive, Math.ceil(unserved / concurrency)));
  }

  /** Whether a worker has answered its quota of calls and must be replaced. */
  shouldRetire(worker: WorkerView): boolean {
    return worker.completed >= this.#policy.maxTasksPerWorker;
  }

  /**
   * What to do with a ready worker that has nothing in flight: "stop" it when the pool is closed
   * and nothing waits, else let it "idle" (its idle timer runs, and it may let the program exit).
   */
  whenIdle(worker: WorkerView, closed: boolean): "stop" | "idle" | undefined {
    if (worker.state !== "ready" || worker.inFlight > 0) return undefined;
    return closed && this.#waiting === 0 ? "stop" : "idle";
  }

  /**
   * Assigns queued tasks, oldest first, while some worker has room under its limit; with
   * `chunksOnly`, up to the first task that is not a chunk.
   */
  #handOut<W extends WorkerView>(
    workers: readonly W[],
    limits: readonly number[],
    assign: (task: T, worker: W) => void,
    chunksOnly = false,
  ): void {
    for (let task = this.#peek(); task !== undefined; task = this.#peek()) {
      if (chunksOnly && task.chunk === undefined) return;
      const worker = this.pickWorker(workers, task, limits);
      if (!worker) return; // FIFO: nothing behind the head may overtake it
      this.#queue.shift();
      this.#waiting--;
      assign(task, worker);
    }
  }

  /**
   * The ready worker with the fewest calls in flight that can take `task` now: under its limit
   * (`limits[i]` for `workers[i]`), under its maxTasksPerWorker quota, and, for a task with a
   * timeout or signal, one that would start it at once (it must never wait inside a worker,
   * where it could not be taken back). Among idle ones, one awake if any (a call then starts with
   * no wake-up: a round trip of about 20 µs against 40 to 50 here), else the one idle longest: one
   * call at a time then alternates between workers, and waking a worker that slept longer is
   * faster here (about 27 µs against 48 µs for the one just used, on a 2-core VM), as each had
   * time to settle.
   */
  pickWorker<W extends WorkerView>(workers: readonly W[], task: T, limits: readonly number[]): W | undefined {
    const { concurrency, maxTasksPerWorker } = this.#policy;
    let best: W | undefined;
    for (let i = 0; i < workers.length; i++) {
      const worker = workers[i] as W;
      const inFlight = worker.inFlight;
      if (worker.state !== "ready" || inFlight >= (limits[i] ?? 0)) continue;
      if (worker.completed + inFlight >= maxTasksPerWorker) continue;
      if (task.cancellable && inFlight >= concurrency) continue;
      if (!best || inFlight < best.inFlight) best = worker;
      else if (inFlight === 0 && best.inFlight === 0 && !best.awake) {
        if (worker.awake || worker.lastAnswerAt < best.lastAnswerAt) best = worker;
      }
    }
    return best;
  }

  /** The next live task without taking it; tasks that left early are dropped on the way. */
  #peek(): T | undefined {
    for (let task = this.#queue.peek(); task !== undefined; task = this.#queue.peek()) {
      if (task.state === "queued") return task;
      this.#queue.shift();
    }
    return undefined;
  }

  /**
   * How many calls a worker may hold beyond `concurrency`: `prefetch` at most, and no more than
   * about AHEAD_MS of work at the average task time. Tiny tasks get the whole window, so calls go
   * out (and wake a sleeping worker) in large batches; longer ones a smaller one, so that no
   * worker sits on much work while another runs out.
   */
  #aheadWindow(prefetch: number): number {
    const taskMs = this.#taskMs ?? 0;
    return taskMs <= 0 ? prefetch : Math.min(prefetch, Math.max(1, Math.ceil(AHEAD_MS / taskMs)));
  }

  /** One worker's even share of the calls waiting, among the ready workers. */
  #fairShare(workers: readonly WorkerView[]): number {
    let ready = 0;
    for (let i = 0; i < workers.length; i++) if ((workers[i] as WorkerView).state === "ready") ready++;
    return Math.max(1, Math.ceil(this.#waiting / Math.max(1, ready)));
  }

  /**
   * What may be sent ahead now: every task when tasks are short, only chunks when the next task
   * is a chunk and chunks are not long, nothing before a task has been answered.
   */
  #aheadKind(): "all" | "chunks" | undefined {
    const taskMs = this.#taskMs;
    if (taskMs === undefined) return undefined;
    if (taskMs < SHORT_TASK_MS) return "all";
    return taskMs < CHUNK_AHEAD_MS && this.#peek()?.chunk !== undefined ? "chunks" : undefined;
  }
}

/** Every worker is started and ready: waiting tasks have nowhere better to go than ahead of time. */
function allUp(workers: readonly WorkerView[], max: number): boolean {
  let ready = 0;
  for (let i = 0; i < workers.length; i++) {
    const state = (workers[i] as WorkerView).state;
    if (state === "starting") return false;
    if (state === "ready") ready++;
  }
  return ready >= max;
}
