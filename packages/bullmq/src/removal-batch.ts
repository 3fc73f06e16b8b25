// The jobs of settled calls are removed from Redis in batches: one script per batch, not per job.
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { removeFinished } from "./job-store.ts";

/** Settled calls whose jobs are to be removed, sent in batches. */
export class RemovalBatch {
  readonly #client: Redis;
  readonly #queue: Queue;
  /** Called when a batch starts and when none is left, so the engine can hold its sockets open or not. */
  readonly #onBusyChange: () => void;
  #toRemove: string[] = [];
  #removing: Promise<void> | undefined;

  constructor(client: Redis, queue: Queue, onBusyChange: () => void) {
    this.#client = client;
    this.#queue = queue;
    this.#onBusyChange = onBusyChange;
  }

  /** Some jobs are waiting to be removed, or being removed. */
  get busy(): boolean {
    return this.#toRemove.length > 0 || this.#removing !== undefined;
  }

  /** Removes the job `id` soon, with the others settled meanwhile. */
  add(id: string): void {
    this.#toRemove.push(id);
    if (this.#toRemove.length === 1 && !this.#removing) setTimeout(() => void this.flush(), 0);
  }

  /** Removes the jobs of settled calls, a batch at a time; resolves when none is left to remove. */
  flush(): Promise<void> {
    this.#removing ??= (async () => {
      this.#onBusyChange();
      while (this.#toRemove.length > 0) {
        const ids = this.#toRemove;
        this.#toRemove = [];
        await removeFinished(this.#client, this.#queue, ids).catch(() => {});
      }
    })().finally(() => {
      this.#removing = undefined;
      this.#onBusyChange();
    });
    return this.#removing;
  }
}
