// The fast way results come back: the queue's event stream. BullMQ writes the "completed" and
// "failed" events in the same Lua script that finishes the job, and only the agent holding the
// job's lock can finish it, so each job yields one final event even when a lost agent's run and
// its takeover race; "failed" is also how the driver hears that a job stalled twice.
import { QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { JobProgress, Reply } from "./wire.ts";

/**
 * How long the events are still read once no call is pending. BullMQ keeps a timer armed while
 * it reads them, so it stops reading then: a program that forgets close() can end.
 */
const IDLE_CLOSE_MS = 1000;

/** What the engine does with the events of the queue's jobs. */
export interface EventHandlers {
  /** An agent took the job. */
  active(jobId: string): void;
  /** The job finished with this reply. */
  completed(jobId: string, returnvalue: Reply): void;
  /**
   * The job's progress (BullMQ's): a job of several calls reporting outcomes while it runs (its
   * reply will hold them too), or a job of one call passing on what its task reported.
   */
  progress(jobId: string, data: JobProgress): void;
  /** The job failed (or stalled too often) for this reason. */
  failed(jobId: string, failedReason: string): void;
}

/** The queue's events, read while there are calls (and a moment after, for the next ones). */
export class EventFeed {
  readonly #client: Redis;
  readonly #queue: string;
  readonly #handlers: EventHandlers;
  #events: Promise<QueueEvents> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: Redis, queue: string, handlers: EventHandlers) {
    this.#client = client;
    this.#queue = queue;
    this.#handlers = handlers;
  }

  /** The queue's events, read from now on if they were not being read. */
  listening(): Promise<QueueEvents> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#events) {
      this.#events = this.#listen();
      this.#events.catch(() => {});
    }
    return this.#events;
  }

  /** Stops reading the events now. */
  stop(): Promise<void> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const events = this.#events;
    this.#events = undefined;
    return events ? events.then((ready) => ready.close()).catch(() => {}) : Promise.resolve();
  }

  /** Stops reading the events after IDLE_CLOSE_MS, unless listening() is called before. */
  stopWhenIdle(): void {
    this.#idleTimer ??= setTimeout(() => void this.stop(), IDLE_CLOSE_MS);
  }

  /** Starts reading the queue's events from just before now, by the Redis server's clock. */
  async #listen(): Promise<QueueEvents> {
    const [seconds, micros] = await this.#client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    // BullMQ reads them on a duplicate of the client, whose sockets holdOpen() follows too.
    const events = new QueueEvents(this.#queue, {
      connection: this.#client,
      lastEventId: `${now - 1}-0`,
    });
    events.on("error", () => {});
    events.on("active", ({ jobId }) => this.#handlers.active(jobId));
    events.on("completed", ({ jobId, returnvalue }) =>
      this.#handlers.completed(jobId, returnvalue as unknown as Reply),
    );
    events.on("progress", ({ jobId, data }) =>
      this.#handlers.progress(jobId, data as unknown as JobProgress),
    );
    events.on("failed", ({ jobId, failedReason }) => this.#handlers.failed(jobId, failedReason));
    await events.waitUntilReady();
    return events;
  }
}
