// The driver's engine under core's Pool: each call becomes a BullMQ job that some agent pulls.
// The result stays in the job, in Redis, until this driver has read it and removed the job.
//
// How results come back: the queue's event stream is the fast way. BullMQ writes the "completed"
// and "failed" events in the same Lua script that finishes the job, and only the agent holding
// the job's lock can finish it, so each job yields one final event even when a lost agent's run
// and its takeover race; "failed" is also how the driver hears that a job stalled twice. But the
// stream is trimmed, and a driver that falls behind it (a busy loop, a pause, a network cut)
// would miss results: so a slow sweep, and one each time Redis is reachable again, reads the
// pending jobs themselves, settles those that finished, and rejects those Redis no longer has
// (it restarted empty) with TaskLostError. Each call settles once (a Map entry deleted), then
// its job is removed; a driver that dies leaves its jobs to BullMQ's removal by age.
import {
  AbortError,
  type CallOptions,
  InvalidStateError,
  MultiprocError,
  PoolClosedError,
  type ResolvedPoolOptions,
  SerializationError,
  TimeoutError,
} from "@multiproc/core";
import { type Chunk, type Engine, moveTransferred, refuseCall } from "@multiproc/core/adapter";
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { encode } from "./codec.ts";
import { cancelChannel, disconnectAll, holdOpen, redisClient, refusal } from "./connection.ts";
import { AgentLostError, TaskLostError } from "./errors.ts";
import { checkJobs, purgeJobs, removeFinished, type StoredOutcome } from "./job-store.ts";
import { checkSize, type Envelope, type JobData, open } from "./wire.ts";

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

type Site = { task: string; module: string };

/**
 * Internal settings, changed only by this package's tests (not part of the API): the events
 * kept in the queue's stream (BullMQ's default is 10,000), and how often the pending jobs are
 * read from Redis in case their events were missed.
 */
export const tuning = { eventsKept: 50_000, sweepMs: 5000 };
/** How long a finished job whose driver never read it (it died) stays in Redis: an hour. */
const UNREAD_KEPT_S = 3600;
/**
 * How long the events are still read once no call is pending. BullMQ keeps a timer armed while
 * it reads them, so it stops reading then: a program that forgets close() can end.
 */
const IDLE_CLOSE_MS = 1000;
/** How long terminate() and join() wait for Redis once it is unreachable before they let go. */
const GIVE_UP_MS = 2000;

export class BullmqEngine implements Engine {
  readonly #settings: EngineSettings;
  readonly #id = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  readonly #pending = new Map<string, Pending>();
  readonly #client: Redis;
  readonly #queue: Queue;
  /** The queue's events, read while there are calls (and a moment after, for the next ones). */
  #events: Promise<QueueEvents> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #drained: Promise<void>;
  #markDrained!: () => void;
  #seq = 0;
  /** Adds sent and not yet acknowledged: terminate() waits for them before it purges. */
  readonly #adding = new Set<Promise<unknown>>();
  /** Settled calls whose jobs are to be removed, sent in batches. */
  #toRemove: string[] = [];
  #removing: Promise<void> | undefined;
  #sweepTimer: ReturnType<typeof setTimeout> | undefined;
  #sweeping = false;
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
      void this.#sweep();
    });
    this.#client.on("close", () => {
      this.#unreachableSince ??= Date.now();
    });
    this.#queue = new Queue(settings.queue, {
      connection: this.#client,
      streams: { events: { maxLen: tuning.eventsKept } },
    });
    this.#queue.on("error", () => {});
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
      this.#scheduleSweep();
      this.#watch(id, pending, options, site);
      this.#listening()
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
    this.#purging = this.#whileReachable(this.#purge(ids));
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

  /**
   * Makes sure none of `ids` runs after terminate(): running ones are told to stop first (one
   * message), then every waiting one is taken out of the queue in one script, and those an agent
   * took meanwhile are told again.
   */
  async #purge(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const channel = cancelChannel(this.#settings.queue);
    // Newest first: an agent remembers the last ids of a long list, the oldest, which it would take next.
    await this.#client.publish(channel, JSON.stringify(ids.slice().reverse()));
    await Promise.allSettled([...this.#adding]);
    const running = await purgeJobs(this.#client, this.#queue, ids);
    if (running.length > 0) await this.#client.publish(channel, JSON.stringify(running));
  }

  #onRedisError(error: Error): void {
    const refused = refusal(error, this.#settings.url);
    if (!refused || this.#refused) return;
    this.#refused = refused;
    for (const id of [...this.#pending.keys()]) this.#fail(id, refused);
  }

  /** The queue's events, read from now on if they were not being read. */
  #listening(): Promise<QueueEvents> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (!this.#events) {
      this.#events = this.#listen();
      this.#events.catch(() => {});
    }
    return this.#events;
  }

  #stopListening(): Promise<void> {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const events = this.#events;
    this.#events = undefined;
    return events ? events.then((ready) => ready.close()).catch(() => {}) : Promise.resolve();
  }

  /** Starts reading the queue's events from just before now, by the Redis server's clock. */
  async #listen(): Promise<QueueEvents> {
    const [seconds, micros] = await this.#client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    // BullMQ reads them on a duplicate of the client, whose sockets holdOpen() follows too.
    const events = new QueueEvents(this.#settings.queue, {
      connection: this.#client,
      lastEventId: `${now - 1}-0`,
    });
    events.on("error", () => {});
    events.on("active", ({ jobId }) => {
      const pending = this.#pending.get(jobId);
      if (pending) pending.started = true;
    });
    events.on("completed", ({ jobId, returnvalue }) =>
      this.#settle(jobId, { id: jobId, state: "completed", returnvalue: returnvalue as unknown as Envelope }),
    );
    events.on("failed", ({ jobId, failedReason }) =>
      this.#settle(jobId, { id: jobId, state: "failed", failedReason }),
    );
    await events.waitUntilReady();
    return events;
  }

  /** Settles a call from its job's outcome, then has the job removed (also a cancelled call's). */
  #settle(
    id: string,
    outcome: StoredOutcome | { id: string; state: "completed"; returnvalue: Envelope },
  ): void {
    if (!id.startsWith(`${this.#id}-`)) return; // another driver's job
    const pending = this.#pending.get(id);
    if (outcome.state !== "missing") this.#scheduleRemoval(id);
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

  /** Reads the pending jobs from Redis: those whose events were missed settle now. */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#client.status !== "ready") return;
    const ids = [...this.#pending].filter(([, pending]) => pending.queued).map(([id]) => id);
    if (ids.length === 0) return;
    this.#sweeping = true;
    try {
      for (const outcome of await checkJobs(this.#client, this.#queue, ids))
        this.#settle(outcome.id, outcome);
    } catch {
      // Redis went away meanwhile: the next sweep, or its return, reads them again.
    } finally {
      this.#sweeping = false;
    }
  }

  #scheduleSweep(): void {
    if (this.#sweepTimer !== undefined || this.#pending.size === 0) return;
    this.#sweepTimer = setTimeout(() => {
      this.#sweepTimer = undefined;
      void this.#sweep().finally(() => this.#scheduleSweep());
    }, tuning.sweepMs);
  }

  #scheduleRemoval(id: string): void {
    this.#toRemove.push(id);
    if (this.#toRemove.length === 1 && !this.#removing) setTimeout(() => void this.#flushRemovals(), 0);
  }

  /** Removes the jobs of settled calls, a batch at a time; resolves when none is left to remove. */
  #flushRemovals(): Promise<void> {
    this.#removing ??= (async () => {
      this.#hold();
      while (this.#toRemove.length > 0) {
        const ids = this.#toRemove;
        this.#toRemove = [];
        await removeFinished(this.#client, this.#queue, ids).catch(() => {});
      }
    })().finally(() => {
      this.#removing = undefined;
      this.#hold();
    });
    return this.#removing;
  }

  /** The Redis sockets keep the process alive only while there is work: calls, or jobs to remove. */
  #hold(): void {
    const held = this.#pending.size > 0 || this.#toRemove.length > 0 || this.#removing !== undefined;
    if (held === this.#held) return;
    this.#held = held;
    holdOpen(this.#client, held);
    if (!held && !this.#closed)
      this.#idleTimer ??= setTimeout(() => void this.#stopListening(), IDLE_CLOSE_MS);
  }

  /** Waits for `work`, unless Redis has been unreachable for GIVE_UP_MS (any late result is then ignored). */
  async #whileReachable(work: Promise<unknown>): Promise<void> {
    work.catch(() => {});
    let timer: ReturnType<typeof setInterval> | undefined;
    const givenUp = new Promise<void>((resolve) => {
      const check = () => {
        const since = this.#unreachableSince;
        if (since !== undefined && Date.now() - since >= GIVE_UP_MS) resolve();
      };
      check();
      timer = setInterval(check, 100);
    });
    await Promise.race([work.catch(() => {}), givenUp]);
    clearInterval(timer);
  }

  #watch(id: string, pending: Pending, options: CallOptions | undefined, site: Site): void {
    const timeout = options?.timeout;
    const signal = options?.signal;
    const timer =
      timeout === undefined
        ? undefined
        : setTimeout(() => this.#stop(id, new TimeoutError(timeout, site)), timeout);
    const onAbort = () => this.#stop(id, new AbortError(signal?.reason, site));
    signal?.addEventListener("abort", onAbort, { once: true });
    pending.cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
  }

  /** Ends a call at the driver, then takes its job out of the queue or stops it on its agent. */
  #stop(id: string, error: Error): void {
    if (!this.#pending.has(id)) return;
    this.#fail(id, error);
    void this.#whileReachable(this.#cancel(id));
  }

  async #cancel(id: string): Promise<void> {
    // A waiting job is removed (it never runs); an active one is locked and stays, so its agent is
    // told (its job is removed when its "completed" event comes).
    await this.#queue.remove(id).catch(() => 0);
    await this.#client.publish(cancelChannel(this.#settings.queue), JSON.stringify([id]));
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
      clearTimeout(this.#sweepTimer);
      this.#sweepTimer = undefined;
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
    await this.#whileReachable(this.#flushRemovals());
    await this.#whileReachable(Promise.allSettled([this.#stopListening(), this.#queue.close()]));
    disconnectAll(this.#client);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
