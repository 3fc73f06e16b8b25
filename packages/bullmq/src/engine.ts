// The driver's engine under core's Pool: each call becomes a BullMQ job that some agent pulls.
// The result stays in the job, in Redis, until this driver has read it and removed the job.
//
// Results come back by the queue's events (event-feed.ts), or by a slow sweep of the pending jobs
// (result-sweep.ts) for those whose events were missed. Each call settles once (a Map entry
// deleted), then its job is removed (removal-batch.ts); a driver that dies leaves its jobs to
// BullMQ's removal by age.
import {
  type CallOptions,
  InvalidStateError,
  MultiprocError,
  PoolClosedError,
  type ResolvedPoolOptions,
  SerializationError,
} from "@multiproc/core";
import { type Chunk, type Engine, moveTransferred, refuseCall } from "@multiproc/core/adapter";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { cancelJob, purgeCalls, watchCall } from "./cancellation.ts";
import { encode } from "./codec.ts";
import { disconnectAll, holdOpen, redisClient, refusal } from "./connection.ts";
import { AgentLostError, TaskLostError } from "./errors.ts";
import { EventFeed } from "./event-feed.ts";
import type { StoredOutcome } from "./job-store.ts";
import { whileReachable } from "./reachability.ts";
import { RemovalBatch } from "./removal-batch.ts";
import { ResultSweep } from "./result-sweep.ts";
import { tuning } from "./tuning.ts";
import { checkSize, type Envelope, type JobData, open } from "./wire.ts";

export { tuning } from "./tuning.ts";

/** What the engine needs besides core's resolved options. */
export interface EngineSettings {
  /** The Redis URL (never printed). */
  url: string;
  /** The BullMQ queue's name. */
  queue: string;
  /** The largest JSON payload of a job, in characters. */
  maxPayload: number;
  /** CA certificates (PEM) to trust for rediss://, beside the runtime's. */
  tlsCa?: string[] | undefined;
}

interface Pending {
  fn: string;
  started: boolean;
  /** Its job is in Redis (the add was acknowledged): from then on, a missing job is a lost one. */
  queued: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  cleanup(): void;
}

/** How long a finished job whose driver never read it (it died) stays in Redis: an hour. */
const UNREAD_KEPT_S = 3600;

export class BullmqEngine implements Engine {
  readonly #settings: EngineSettings;
  readonly #id = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  readonly #pending = new Map<string, Pending>();
  readonly #client: Redis;
  readonly #queue: Queue;
  readonly #events: EventFeed;
  readonly #drained: Promise<void>;
  #markDrained!: () => void;
  #seq = 0;
  /** Adds sent and not yet acknowledged: terminate() waits for them before it purges. */
  readonly #adding = new Set<Promise<unknown>>();
  readonly #removals: RemovalBatch;
  readonly #sweep: ResultSweep;
  /** terminate()'s purge of its jobs, which the shutdown waits for. */
  #purging: Promise<void> | undefined;
  #held = false;
  /** Since when Redis has been out of reach (from the start, until the first connection). */
  #unreachableSince: number | undefined = Date.now();
  /** Set when Redis refused the credentials: every call then fails with it instead of waiting. */
  #refused: Error | undefined;
  #closed = false;
  #terminated = false;
  #ending = false;

  constructor(
    readonly options: ResolvedPoolOptions,
    settings: EngineSettings,
  ) {
    this.#settings = settings;
    this.#client = redisClient(settings.url, (error) => this.#onRedisError(error), settings.tlsCa);
    holdOpen(this.#client, false);
    // Back after a disconnect (or a restart): read what became of the pending jobs at once.
    this.#client.on("ready", () => {
      this.#unreachableSince = undefined;
      void this.#sweep.run();
    });
    this.#client.on("close", () => {
      this.#unreachableSince ??= Date.now();
    });
    this.#queue = new Queue(settings.queue, {
      connection: this.#client,
      streams: { events: { maxLen: tuning.eventsKept } },
    });
    this.#queue.on("error", () => {});
    this.#events = new EventFeed(this.#client, settings.queue, {
      active: (jobId) => {
        const pending = this.#pending.get(jobId);
        if (pending) pending.started = true;
      },
      completed: (jobId, returnvalue) => this.#settle(jobId, { id: jobId, state: "completed", returnvalue }),
      failed: (jobId, failedReason) => this.#settle(jobId, { id: jobId, state: "failed", failedReason }),
    });
    this.#removals = new RemovalBatch(this.#client, this.#queue, () => this.#hold());
    this.#sweep = new ResultSweep(this.#client, this.#queue, {
      queuedIds: () => [...this.#pending].filter(([, pending]) => pending.queued).map(([id]) => id),
      pendingCount: () => this.#pending.size,
      settle: (outcome) => this.#settle(outcome.id, outcome),
    });
    this.#drained = new Promise((resolve) => {
      this.#markDrained = resolve;
    });
  }

  /** Always 0: the workers are the agents', on other hosts. */
  get workerCount(): number {
    return 0;
  }

  submit(
    fn: string,
    args: unknown[],
    chunk: Chunk | false,
    options: CallOptions | undefined,
    bounded: boolean,
  ): Promise<unknown> {
    const state = { closed: this.#closed, terminated: this.#terminated, inSystem: this.#pending.size };
    const refused = refuseCall(fn, options, bounded, this.options, state) ?? this.#refused;
    if (refused) return Promise.reject(refused);
    const site = { task: fn, module: this.options.module };
    let data: JobData;
    try {
      // A transfer moves the buffers away from the caller, as it would to a local worker, then copies.
      data = { f: fn, a: encode(moveTransferred(args, options?.transfer)), c: chunk || 0 };
    } catch (error) {
      return Promise.reject(new SerializationError("arguments", messageOf(error), site));
    }
    try {
      checkSize(data, this.#settings.maxPayload, "arguments", site);
    } catch (error) {
      return Promise.reject(error);
    }
    const id = `${this.#id}-${++this.#seq}`;
    return new Promise((resolve, reject) => {
      const pending: Pending = { fn, started: false, queued: false, resolve, reject, cleanup: () => {} };
      this.#pending.set(id, pending);
      this.#hold();
      this.#sweep.schedule();
      pending.cleanup = watchCall(options, site, (error) => this.#stop(id, error));
      this.#events
        .listening()
        .then(() => {
          if (!this.#pending.has(id)) return; // timed out, aborted or terminated before it was queued
          // Kept once finished, until this driver reads it (or an hour passes: a driver that died).
          const keep = { age: UNREAD_KEPT_S };
          const adding = this.#queue.add(fn, data, { jobId: id, removeOnComplete: keep, removeOnFail: keep });
          this.#adding.add(adding);
          return adding.then(
            () => {
              this.#adding.delete(adding);
              pending.queued = true;
            },
            (error: unknown) => {
              this.#adding.delete(adding);
              throw error;
            },
          );
        })
        .catch((error: unknown) =>
          this.#fail(id, new MultiprocError(`could not queue the task: ${messageOf(error)}`, site)),
        );
    });
  }

  close(): void {
    this.#closed = true;
    this.#checkDrained();
  }

  join(): Promise<void> {
    if (!this.#closed) {
      return Promise.reject(
        new InvalidStateError("join() needs close() or terminate() first", { module: this.options.module }),
      );
    }
    return this.#drained;
  }

  async terminate(): Promise<void> {
    this.#closed = true;
    this.#terminated = true;
    const ids = [...this.#pending.keys()];
    // Before the calls fail: their failing starts the shutdown, which waits for this.
    this.#purging = this.#whileReachable(
      purgeCalls(this.#client, this.#queue, this.#settings.queue, ids, this.#adding),
    );
    for (const id of ids) {
      const pending = this.#pending.get(id) as Pending;
      const when = pending.started ? "while the task ran" : "before the task started";
      this.#fail(
        id,
        new PoolClosedError(`the pool was terminated ${when}`, {
          task: pending.fn,
          module: this.options.module,
        }),
      );
    }
    this.#checkDrained();
    await this.#drained;
  }

  #onRedisError(error: Error): void {
    const refused = refusal(error, this.#settings.url);
    if (!refused || this.#refused) return;
    this.#refused = refused;
    for (const id of [...this.#pending.keys()]) this.#fail(id, refused);
  }

  /** Settles a call from its job's outcome, then has the job removed (also a cancelled call's). */
  #settle(
    id: string,
    outcome: StoredOutcome | { id: string; state: "completed"; returnvalue: Envelope },
  ): void {
    if (!id.startsWith(`${this.#id}-`)) return; // another driver's job
    const pending = this.#pending.get(id);
    if (outcome.state !== "missing") this.#removals.add(id);
    if (!pending) return;
    const site = { task: pending.fn, module: this.options.module };
    if (outcome.state === "completed") {
      try {
        const { returnvalue } = outcome;
        this.#succeed(id, open(typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue));
      } catch (error) {
        this.#fail(id, error);
      }
    } else if (outcome.state === "failed") {
      const reason = outcome.failedReason;
      this.#fail(
        id,
        /stall/i.test(reason)
          ? new AgentLostError(reason, site)
          : new MultiprocError(`the agent failed the task: ${reason}`, site),
      );
    } else {
      this.#fail(id, new TaskLostError(site));
    }
  }

  /** The Redis sockets keep the process alive only while there is work: calls, or jobs to remove. */
  #hold(): void {
    const held = this.#pending.size > 0 || this.#removals.busy;
    if (held === this.#held) return;
    this.#held = held;
    holdOpen(this.#client, held);
    if (!held && !this.#closed) this.#events.stopWhenIdle();
  }

  /** Waits for `work`, unless Redis has been unreachable for a while (any late result is then ignored). */
  #whileReachable(work: Promise<unknown>): Promise<void> {
    return whileReachable(work, () => this.#unreachableSince);
  }

  /** Ends a call at the driver, then takes its job out of the queue or stops it on its agent. */
  #stop(id: string, error: Error): void {
    if (!this.#pending.has(id)) return;
    this.#fail(id, error);
    void this.#whileReachable(cancelJob(this.#client, this.#queue, this.#settings.queue, id));
  }

  #succeed(id: string, value: unknown): void {
    const pending = this.#take(id);
    pending?.resolve(value);
  }

  #fail(id: string, error: unknown): void {
    const pending = this.#take(id);
    pending?.reject(error);
  }

  #take(id: string): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    this.#pending.delete(id);
    pending.cleanup();
    if (this.#pending.size === 0) {
      this.#sweep.cancel();
      this.#hold();
      if (this.#closed) queueMicrotask(() => this.#checkDrained());
    }
    return pending;
  }

  #checkDrained(): void {
    if (!this.#closed || this.#pending.size > 0 || this.#ending) return;
    this.#ending = true;
    void this.#shutdown().finally(() => this.#markDrained());
  }

  async #shutdown(): Promise<void> {
    await this.#purging;
    await this.#whileReachable(this.#removals.flush());
    await this.#whileReachable(Promise.allSettled([this.#events.stop(), this.#queue.close()]));
    disconnectAll(this.#client);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
