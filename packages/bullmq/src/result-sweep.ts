// The slow way results come back: the queue's event stream is trimmed, and a driver that falls
// behind it (a busy loop, a pause, a network cut) would miss results, so a slow sweep, and one
// each time Redis is reachable again, reads the pending jobs themselves: those that finished
// settle, and those Redis no longer has (it restarted empty) fail with TaskLostError.
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { checkJobs, type StoredOutcome } from "./job-store.ts";
import { tuning } from "./tuning.ts";

/** What the sweep reads from, and reports to, the engine. */
export interface SweepTarget {
  /** The ids of the pending calls whose jobs are in Redis. */
  queuedIds(): string[];
  /** How many calls are pending (the sweep is only scheduled while some are). */
  pendingCount(): number;
  /** Settles a call from what Redis holds of its job. */
  settle(outcome: StoredOutcome): void;
}

/** Reads the pending jobs from Redis, now or every `tuning.sweepMs` while calls are pending. */
export class ResultSweep {
  readonly #client: Redis;
  readonly #queue: Queue;
  readonly #target: SweepTarget;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sweeping = false;

  constructor(client: Redis, queue: Queue, target: SweepTarget) {
    this.#client = client;
    this.#queue = queue;
    this.#target = target;
  }

  /** Reads the pending jobs from Redis: those whose events were missed settle now. */
  async run(): Promise<void> {
    if (this.#sweeping || this.#client.status !== "ready") return;
    const ids = this.#target.queuedIds();
    if (ids.length === 0) return;
    this.#sweeping = true;
    try {
      for (const outcome of await checkJobs(this.#client, this.#queue, ids)) this.#target.settle(outcome);
    } catch {
      // Redis went away meanwhile: the next sweep, or its return, reads them again.
    } finally {
      this.#sweeping = false;
    }
  }

  /** Arms the next sweep, if calls are pending and none is armed. */
  schedule(): void {
    if (this.#timer !== undefined || this.#target.pendingCount() === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.run().finally(() => this.schedule());
    }, tuning.sweepMs);
  }

  /** Disarms the next sweep (no call is pending). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
