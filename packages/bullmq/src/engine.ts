// The driver's engine under core's Pool: each call becomes a BullMQ job that some agent pulls;
// the result comes back through the queue's event stream.
//
// Why QueueEvents and not a result list per driver: BullMQ writes the "completed" and "failed"
// events in the same Lua script that finishes the job, and only the agent holding the job's lock
// can finish it, so each job yields exactly one final event even when a lost agent's run and its
// takeover race. The "failed" event is also how the driver hears that a job stalled twice (its
// agents were lost). The cost: every driver on a queue reads every job's events; jobs of other
// drivers are skipped by id. The driver still settles a call at most once (a Map entry deleted).
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
import { cancelChannel, redisClient, refusal } from "./connection.ts";
import { AgentLostError } from "./errors.ts";
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
  resolve(value: unknown): void;
  reject(error: unknown): void;
  cleanup(): void;
}

type Site = { task: string; module: string };

/** Events kept in the queue's stream (BullMQ's default is 10,000). */
const EVENTS_KEPT = 50_000;
/** How long terminate() and join() wait for an unreachable Redis before they let go. */
const GIVE_UP_MS = 2000;

export class BullmqEngine implements Engine {
  readonly #settings: EngineSettings;
  readonly #id = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  readonly #pending = new Map<string, Pending>();
  readonly #client: Redis;
  readonly #queue: Queue;
  readonly #ready: Promise<QueueEvents>;
  #eventsClient: Redis | undefined;
  readonly #drained: Promise<void>;
  #markDrained!: () => void;
  #seq = 0;
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
    // The events stream carries every result until trimmed: long enough that a driver reading
    // it never falls behind the trimming, short enough to bound Redis's memory.
    this.#queue = new Queue(settings.queue, {
      connection: this.#client,
      streams: { events: { maxLen: EVENTS_KEPT } },
    });
    this.#queue.on("error", () => {});
    this.#drained = new Promise((resolve) => {
      this.#markDrained = resolve;
    });
    this.#ready = this.#listen();
    this.#ready.catch(() => {});
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
      const pending: Pending = { fn, started: false, resolve, reject, cleanup: () => {} };
      this.#pending.set(id, pending);
      this.#watch(id, pending, options, site);
      this.#ready
        .then(() => {
          if (!this.#pending.has(id)) return; // timed out or aborted before it was queued
          return this.#queue.add(fn, data, { jobId: id, removeOnComplete: true, removeOnFail: true });
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
    await this.#cancel(ids);
    this.#checkDrained();
    await this.#drained;
  }

  #onRedisError(error: Error): void {
    const refused = refusal(error, this.#settings.url);
    if (!refused || this.#refused) return;
    this.#refused = refused;
    for (const id of [...this.#pending.keys()]) this.#fail(id, refused);
  }

  /** Starts reading the queue's events from just before now, by the Redis server's clock. */
  async #listen(): Promise<QueueEvents> {
    const [seconds, micros] = await this.#client.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    this.#eventsClient = redisClient(
      this.#settings.url,
      (error) => this.#onRedisError(error),
      this.#settings.tlsCa,
    );
    const events = new QueueEvents(this.#settings.queue, {
      connection: this.#eventsClient,
      lastEventId: `${now - 1}-0`,
    });
    events.on("error", () => {});
    events.on("active", ({ jobId }) => {
      const pending = this.#pending.get(jobId);
      if (pending) pending.started = true;
    });
    events.on("completed", ({ jobId, returnvalue }) => {
      if (!this.#pending.has(jobId)) return;
      try {
        this.#succeed(jobId, open(returnvalue as unknown as Envelope));
      } catch (error) {
        this.#fail(jobId, error);
      }
    });
    events.on("failed", ({ jobId, failedReason }) => {
      const pending = this.#pending.get(jobId);
      if (!pending) return;
      const site = { task: pending.fn, module: this.options.module };
      this.#fail(
        jobId,
        /stall/i.test(failedReason)
          ? new AgentLostError(failedReason, site)
          : new MultiprocError(`the agent failed the task: ${failedReason}`, site),
      );
    });
    await events.waitUntilReady();
    return events;
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
    void this.#cancel([id]);
  }

  /** Bounded: with Redis unreachable it gives up after a while (any late result is ignored). */
  async #cancel(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const work = (async () => {
      await this.#ready;
      // A waiting job is removed (it never runs); an active one is locked and stays, so its agent is told.
      await Promise.all(ids.map((id) => this.#queue.remove(id).catch(() => 0)));
      await this.#client.publish(cancelChannel(this.#settings.queue), JSON.stringify(ids));
    })();
    work.catch(() => {});
    await Promise.race([work.catch(() => {}), delay(GIVE_UP_MS)]);
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
    if (this.#closed && this.#pending.size === 0) queueMicrotask(() => this.#checkDrained());
    return pending;
  }

  #checkDrained(): void {
    if (!this.#closed || this.#pending.size > 0 || this.#ending) return;
    this.#ending = true;
    void this.#shutdown().finally(() => this.#markDrained());
  }

  async #shutdown(): Promise<void> {
    const events = await Promise.race([this.#ready.catch(() => undefined), delay(GIVE_UP_MS)]);
    const closing = Promise.allSettled([events?.close(), this.#queue.close()]);
    await Promise.race([closing, delay(GIVE_UP_MS)]);
    this.#client.disconnect();
    this.#eventsClient?.disconnect();
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
