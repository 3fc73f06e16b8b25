// The driver's engine under core's Pool: each call becomes a BullMQ job that some agent pulls.
// The result stays in the job, in Redis, until this driver has read it and removed the job.
//
// Results come back by the queue's events (event-feed.ts), or by a slow sweep of the pending jobs
// (result-sweep.ts) for those whose events were missed. Each call settles once (core's engine kit),
// then its job is removed (removal-batch.ts); a driver that dies leaves its jobs to BullMQ's
// removal by age. Admission, timeouts and aborts, and the drain are the kit's, as in every engine.
import {
  type MultiprocError,
  type PoolStats,
  MultiprocError as RemoteFailure,
  SerializationError,
} from "@multiproc/core";
import {
  type CallRequest,
  type Engine,
  EngineKit,
  type EngineObserver,
  type EngineOptions,
  moveTransferred,
  Task,
} from "@multiproc/core/adapter";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { cancelJob, purgeCalls } from "./cancellation.ts";
import { encode } from "./codec.ts";
import { disconnectAll, holdOpen, redisClient, refusal } from "./connection.ts";
import { AgentLostError, TaskLostError } from "./errors.ts";
import { EventFeed } from "./event-feed.ts";
import type { StoredOutcome } from "./job-store.ts";
import { whileReachable } from "./reachability.ts";
import { RemovalBatch } from "./removal-batch.ts";
import { ResultSweep } from "./result-sweep.ts";
import { tuning } from "./tuning.ts";
import { checkSize, type Envelope, type JobData, open, openProgress } from "./wire.ts";

export { tuning } from "./tuning.ts";

/** A driver pool's settings: core's sizing, and where its calls go. */
export interface DriverOptions extends EngineOptions {
  /** The BullMQ queue's name. */
  queue: string;
  /** The largest JSON payload of a job, in characters. */
  maxPayload: number;
}

/** How the engine reaches Redis (kept apart from the options, which a user may print). */
export interface Connect {
  /** The Redis URL (never printed). */
  url: string;
  /** CA certificates (PEM) to trust for rediss://, beside the runtime's. */
  tlsCa?: string[] | undefined;
}

/** A call as this engine holds it: its job's id, and what is known of the job. */
class JobCall extends Task {
  /** The job's id in Redis: this driver's id and the call's. */
  jobId = "";
  /** Its job is in Redis (the add was acknowledged): from then on, a missing job is a lost one. */
  queued = false;
}

/** How long a finished job whose driver never read it (it died) stays in Redis: an hour. */
const UNREAD_KEPT_S = 3600;

export class BullmqEngine implements Engine<DriverOptions> {
  readonly options: DriverOptions;
  readonly #id = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  readonly #kit: EngineKit<JobCall>;
  /** The calls not yet settled, by job id. */
  readonly #pending = new Map<string, JobCall>();
  readonly #client: Redis;
  readonly #queue: Queue;
  readonly #events: EventFeed;
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
  /** Calls no agent has taken yet. */
  #waiting = 0;
  /** Calls have waited since the queue was last empty: its emptying is a "drain". */
  #queueHeld = false;

  constructor(options: DriverOptions, connect: Connect) {
    this.options = options;
    this.#kit = new EngineKit<JobCall>(options, {
      stop: (call, error) => this.#stop(call, error),
      shutdown: () => this.#shutdown(),
      // A withdrawn chunk (its map failed) no agent has taken yet leaves the queue; a taken one runs on.
      withdraw: (call, error) => {
        if (call.state === "queued") this.#stop(call, error);
      },
    });
    this.#client = redisClient(connect.url, (error) => this.#onRedisError(error, connect.url), connect.tlsCa);
    holdOpen(this.#client, false);
    // Back after a disconnect (or a restart): read what became of the pending jobs at once.
    this.#client.on("ready", () => {
      this.#unreachableSince = undefined;
      void this.#sweep.run();
    });
    this.#client.on("close", () => {
      this.#unreachableSince ??= Date.now();
    });
    this.#queue = new Queue(options.queue, {
      connection: this.#client,
      streams: { events: { maxLen: tuning.eventsKept } },
    });
    this.#queue.on("error", () => {});
    this.#events = new EventFeed(this.#client, options.queue, {
      active: (jobId) => this.#taken(jobId),
      completed: (jobId, returnvalue) => this.#outcome(jobId, { id: jobId, state: "completed", returnvalue }),
      failed: (jobId, failedReason) => this.#outcome(jobId, { id: jobId, state: "failed", failedReason }),
      progress: (jobId, data) => {
        const call = this.#pending.get(jobId);
        if (call?.onProgress) call.progressed(openProgress(data));
      },
    });
    this.#removals = new RemovalBatch(this.#client, this.#queue, () => this.#hold());
    this.#sweep = new ResultSweep(this.#client, this.#queue, {
      queuedIds: () => [...this.#pending.values()].filter((call) => call.queued).map((call) => call.jobId),
      pendingCount: () => this.#pending.size,
      settle: (outcome) => this.#outcome(outcome.id, outcome),
    });
  }

  submit(request: CallRequest): Promise<unknown> {
    const refused = this.#kit.refuse(request) ?? this.#refused;
    if (refused) return Promise.reject(refused);
    const { task: fn, args, chunk, options } = request;
    const site = { task: fn };
    let data: JobData;
    try {
      // A transfer moves the buffers away from the caller, as it would to a local worker, then copies.
      data = { f: fn, a: encode(moveTransferred(args, options?.transfer)), c: chunk ?? 0 };
      checkSize(data, this.options.maxPayload, "arguments", site);
    } catch (error) {
      return Promise.reject(
        error instanceof SerializationError
          ? error
          : new SerializationError("arguments", messageOf(error), site),
      );
    }
    const call = new JobCall(++this.#seq, request);
    call.args = []; // encoded in `data`: the call need not keep them
    call.jobId = `${this.#id}-${call.id}`;
    this.#pending.set(call.jobId, call);
    this.#kit.track(call, request);
    this.#waiting++;
    this.#queueHeld = true;
    this.#hold();
    this.#sweep.schedule();
    void this.#add(call, data);
    return call.promise;
  }

  /**
   * The calls waiting in the queue and taken by agents, and the kit's counts and times (wait: until
   * an agent took the call; run: from then to its result). The workers are the agents', on other
   * hosts: the driver counts none, and cannot say how busy they are.
   */
  stats(): PoolStats {
    return {
      workers: { total: 0, busy: 0, idle: 0, starting: 0 },
      queued: this.#waiting,
      running: this.#pending.size - this.#waiting,
      ...this.#kit.callStats(),
      utilization: undefined,
    };
  }

  /** The driver hears when its waiting calls have all been taken by agents ("drain"); the agents' workers are not its own. */
  observe(observer: EngineObserver): void {
    this.#kit.observer = observer;
  }

  close(): void {
    this.#kit.close();
  }

  /** An agent took a call's job. */
  #taken(jobId: string): void {
    const call = this.#pending.get(jobId);
    if (call?.state !== "queued") return;
    call.sentTo(undefined);
    this.#leftQueue();
  }

  #leftQueue(): void {
    if (--this.#waiting > 0 || !this.#queueHeld) return;
    this.#queueHeld = false;
    this.#kit.observer?.drained();
  }

  join(): Promise<void> {
    return this.#kit.join();
  }

  terminate(): Promise<void> {
    const kit = this.#kit;
    kit.beginTermination();
    const calls = [...this.#pending.values()];
    // Before the calls fail: their failing starts the shutdown, which waits for this.
    this.#purging = this.#whileReachable(
      purgeCalls(
        this.#client,
        this.#queue,
        this.options.queue,
        calls.map((call) => call.jobId),
        this.#adding,
      ),
    );
    for (const call of calls)
      this.#settle(call, false, kit.terminatedError(call.fn, call.state === "running"));
    return kit.whenDrained();
  }

  /** Queues the call's job once the events are read (so its result cannot be missed). */
  async #add(call: JobCall, data: JobData): Promise<void> {
    try {
      await this.#events.listening();
      if (call.state === "done") return; // timed out, aborted or terminated before it was queued
      // Kept once finished, until this driver reads it (or an hour passes: a driver that died).
      const keep = { age: UNREAD_KEPT_S };
      const adding = this.#queue.add(call.fn, data, {
        jobId: call.jobId,
        removeOnComplete: keep,
        removeOnFail: keep,
      });
      this.#adding.add(adding);
      try {
        await adding;
        call.queued = true;
      } finally {
        this.#adding.delete(adding);
      }
    } catch (error) {
      const site = { task: call.fn };
      this.#settle(call, false, new RemoteFailure(`could not queue the task: ${messageOf(error)}`, site));
    }
  }

  #onRedisError(error: Error, url: string): void {
    const refused = refusal(error, url);
    if (!refused || this.#refused) return;
    this.#refused = refused;
    for (const call of [...this.#pending.values()]) this.#settle(call, false, refused);
  }

  /** Settles a call from its job's outcome, then has the job removed (also a cancelled call's). */
  #outcome(
    id: string,
    outcome: StoredOutcome | { id: string; state: "completed"; returnvalue: Envelope },
  ): void {
    if (!id.startsWith(`${this.#id}-`)) return; // another driver's job
    const call = this.#pending.get(id);
    if (outcome.state !== "missing") this.#removals.add(id);
    if (!call) return;
    const site = { task: call.fn };
    if (call.sentAt > 0) this.#kit.ran(call, performance.now() - call.sentAt);
    if (outcome.state === "completed") {
      try {
        const { returnvalue } = outcome;
        this.#settle(
          call,
          true,
          open(typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue),
        );
      } catch (error) {
        this.#settle(call, false, error);
      }
    } else if (outcome.state === "failed") {
      const reason = outcome.failedReason;
      this.#settle(
        call,
        false,
        /stall/i.test(reason)
          ? new AgentLostError(reason, site)
          : new RemoteFailure(`the agent failed the task: ${reason}`, site),
      );
    } else {
      this.#settle(call, false, new TaskLostError(site));
    }
  }

  /** The Redis sockets keep the process alive only while there is work: calls, or jobs to remove. */
  #hold(): void {
    const held = this.#pending.size > 0 || this.#removals.busy;
    if (held === this.#held) return;
    this.#held = held;
    holdOpen(this.#client, held);
    if (!held && !this.#kit.closed) this.#events.stopWhenIdle();
  }

  /** Waits for `work`, unless Redis has been unreachable for a while (any late result is then ignored). */
  #whileReachable(work: Promise<unknown>): Promise<void> {
    return whileReachable(work, () => this.#unreachableSince);
  }

  /** Ends a call at the driver (its timeout, its signal), then takes its job out of the queue or stops it on its agent. */
  #stop(call: JobCall, error: MultiprocError): void {
    if (!this.#settle(call, false, error)) return;
    void this.#whileReachable(cancelJob(this.#client, this.#queue, this.options.queue, call.jobId));
  }

  /** Settles a call once, through the kit, and forgets it. */
  #settle(call: JobCall, ok: boolean, value: unknown): boolean {
    if (!this.#pending.delete(call.jobId)) return false;
    if (call.state === "queued") this.#leftQueue(); // settled before any agent took it
    this.#kit.settle(call, ok, value);
    if (this.#pending.size === 0) {
      this.#sweep.cancel();
      this.#hold();
    }
    return true;
  }

  /** After the last call of a closed pool: the purge, the removals, then the connections. */
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
