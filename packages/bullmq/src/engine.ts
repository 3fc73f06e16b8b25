// The driver's engine under core's Pool: calls become BullMQ jobs that agents pull, those
// submitted together added at once, short ones several to a job (batching.ts). The outcomes stay
// in the job, in Redis, until this driver has read them and removed the job.
//
// Results come back by the queue's events (event-feed.ts), or by a slow sweep of the pending jobs
// (result-sweep.ts) for those whose events were missed. Each call settles once (core's engine kit),
// then its job is removed (removal-batch.ts); a driver that dies leaves its jobs to BullMQ's
// removal by age. Admission, timeouts and aborts, and the drain are the kit's, as in every engine.
import {
  InvalidArgumentError,
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
  findTalker,
  moveTransferred,
  unsendablePart,
} from "@multiproc/core/adapter";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { BatchPolicy, jobOf, type Outgoing, planJobs } from "./batching.ts";
import { cancelJob, purgeCalls } from "./cancellation.ts";
import { encode } from "./codec.ts";
import { disconnectAll, holdOpen, redisClient, refusal } from "./connection.ts";
import type { Connect, DriverOptions } from "./driver-options.ts";
import { EventFeed } from "./event-feed.ts";
import { JobCall, type PendingJob } from "./job-call.ts";
import { type JobOutcome, settleJob, settlePartial } from "./job-outcome.ts";
import { whileReachable } from "./reachability.ts";
import { RemovalBatch } from "./removal-batch.ts";
import { ResultSweep } from "./result-sweep.ts";
import { tuning } from "./tuning.ts";
import { nextTurn, soon } from "./turns.ts";
import { WaitingCalls } from "./waiting-calls.ts";
import { checkSize, type JobData, openProgress } from "./wire.ts";

export type { Connect, DriverOptions } from "./driver-options.ts";
export { tuning } from "./tuning.ts";

/** How long a finished job whose driver never read it (it died) stays in Redis: an hour. */
const UNREAD_KEPT_S = 3600;

export class BullmqEngine implements Engine<DriverOptions> {
  readonly options: DriverOptions;
  readonly #id = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
  readonly #kit: EngineKit<JobCall>;
  /** The jobs sent whose calls are not all settled, by id. */
  readonly #jobs = new Map<string, PendingJob>();
  /** Calls submitted in this turn of the event loop, on their way to Redis together. */
  #outbox: Outgoing<JobCall>[] = [];
  readonly #batching = new BatchPolicy();
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
  readonly #waiting = new WaitingCalls(() => this.#kit.observer);

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
      active: (jobId) => {
        for (const call of this.#jobs.get(jobId)?.calls ?? []) if (call.state === "queued") this.#taken(call);
      },
      completed: (jobId, returnvalue) => this.#outcome(jobId, { id: jobId, state: "completed", returnvalue }),
      progress: (jobId, progress) => {
        const job = this.#jobs.get(jobId);
        if (!job) return;
        // A job of one call passes on its task's reports; one of several, its finished outcomes.
        if ("r" in progress) job.calls[0]?.progressed(openProgress(progress));
        else settlePartial(job, progress, this.#answered);
      },
      failed: (jobId, failedReason) => this.#outcome(jobId, { id: jobId, state: "failed", failedReason }),
    });
    this.#removals = new RemovalBatch(this.#client, this.#queue, () => this.#hold());
    this.#sweep = new ResultSweep(this.#client, this.#queue, {
      queuedIds: () => [...this.#jobs.values()].filter((job) => job.queued).map((job) => job.id),
      pendingCount: () => this.#kit.unsettled,
      settle: (outcome) => this.#outcome(outcome.id, outcome),
    });
  }

  submit(request: CallRequest): Promise<unknown> {
    const refused = this.#kit.refuse(request) ?? this.#refused;
    if (refused) return Promise.reject(refused);
    const { task: fn, args, chunk, options } = request;
    const site = { task: fn };
    const talker = findTalker(args);
    if (talker) return Promise.reject(talkerRefusal(talker[Symbol.toStringTag], site));
    let data: JobData;
    let size: number;
    try {
      // A transfer moves the buffers away from the caller, as it would to a local worker, then copies.
      data = { f: fn, a: encode(moveTransferred(args, options?.transfer)), c: chunk ?? 0 };
      size = checkSize(data, this.options.maxPayload, "arguments", site);
    } catch (error) {
      if (error instanceof SerializationError) return Promise.reject(error);
      // Say which value failed (a transfer list has moved the buffers: try no value again then).
      const part = options?.transfer?.length ? undefined : unsendablePart(args, chunk, encode);
      const why = messageOf(error);
      return Promise.reject(
        new SerializationError("arguments", part ? `${part} cannot be cloned (${why})` : why, site),
      );
    }
    const call = new JobCall(++this.#seq, request);
    call.args = []; // encoded in `data`: the call need not keep them
    if (call.onProgress) data.o = 1;
    this.#kit.track(call, request);
    this.#waiting.added();
    // A call that can be stopped alone (timeout, signal), or whose progress its caller hears,
    // never shares its job; nor does a chunk.
    const batchable = !call.cancellable && !call.onProgress && data.c === 0;
    this.#outbox.push({ call, data, size, batchable });
    // An idle pool sends at once (a lone call's latency); a busy one gathers the whole turn's calls.
    if (this.#outbox.length === 1) (this.#jobs.size === 0 ? soon : nextTurn)(() => void this.#flush());
    this.#hold();
    this.#sweep.schedule();
    return call.promise;
  }

  /**
   * The calls no agent has taken yet (queued) and those taken (running), and the kit's counts and
   * times (wait: until an agent took the call; run: from then on). The workers are the agents',
   * on other hosts: the driver counts none, and cannot say how busy they are.
   */
  stats(): PoolStats {
    return {
      workers: { total: 0, busy: 0, idle: 0, starting: 0 },
      queued: this.#waiting.count,
      running: this.#kit.unsettled - this.#waiting.count,
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
  #taken(call: JobCall): void {
    call.sentTo(undefined);
    this.#waiting.left();
  }

  /** A call's outcome from its agent: timed (for stats), then settled. */
  readonly #answered = (call: JobCall, ok: boolean, value: unknown): void => {
    if (call.sentAt > 0 && call.state !== "done") this.#kit.ran(call, performance.now() - call.sentAt);
    this.#settle(call, ok, value);
  };

  join(): Promise<void> {
    return this.#kit.join();
  }

  terminate(): Promise<void> {
    const kit = this.#kit;
    kit.beginTermination();
    const calls = this.#unsettled();
    const ids = [...this.#jobs.keys()];
    // Before the calls fail: their failing starts the shutdown, which waits for this.
    this.#purging = this.#whileReachable(
      purgeCalls(this.#client, this.#queue, this.options.queue, ids, this.#adding),
    );
    for (const call of calls)
      this.#settle(call, false, kit.terminatedError(call.fn, call.state === "running"));
    return kit.whenDrained();
  }

  /** Sends the calls of the outbox as jobs, once the events are read (so no result can be missed). */
  async #flush(): Promise<void> {
    let jobs: PendingJob[] = [];
    try {
      await this.#events.listening();
      // Those timed out, aborted or terminated meanwhile never reach Redis.
      const outgoing = this.#outbox.filter(({ call }) => call.state !== "done");
      this.#outbox = [];
      if (outgoing.length === 0) return;
      const { workers, concurrency, maxPayload } = this.options;
      const batchable = outgoing.reduce((n, item) => n + (item.batchable ? 1 : 0), 0);
      const perJob = this.#batching.perJob(batchable, workers * concurrency, maxPayload);
      const planned = planJobs(outgoing, perJob, maxPayload);
      jobs = planned.map((items) => this.#open(items.map(({ call }) => call)));
      // Kept once finished, until this driver reads it (or an hour passes: a driver that died).
      const keep = { age: UNREAD_KEPT_S };
      const specs = planned.map((items, i) => ({
        ...jobOf(items),
        opts: { jobId: (jobs[i] as PendingJob).id, removeOnComplete: keep, removeOnFail: keep },
      }));
      const [one] = specs;
      const adding =
        specs.length === 1 && one
          ? this.#queue.add(one.name, one.data, one.opts)
          : this.#queue.addBulk(specs);
      this.#adding.add(adding);
      try {
        await adding;
        for (const job of jobs) job.queued = true;
      } finally {
        this.#adding.delete(adding);
      }
    } catch (error) {
      const calls =
        jobs.length > 0 ? jobs.flatMap((job) => job.calls) : this.#outbox.splice(0).map(({ call }) => call);
      for (const call of calls) {
        const site = { task: call.fn };
        this.#settle(call, false, new RemoteFailure(`could not queue the task: ${messageOf(error)}`, site));
      }
    }
  }

  /** A pending job for `calls`, under its first call's id. */
  #open(calls: JobCall[]): PendingJob {
    const job: PendingJob = {
      id: `${this.#id}-${(calls[0] as JobCall).id}`,
      calls,
      open: calls.length,
      queued: false,
    };
    for (const call of calls) call.job = job;
    this.#jobs.set(job.id, job);
    return job;
  }

  /** Every call not yet settled: in the outbox, or in a job. */
  #unsettled(): JobCall[] {
    const calls = this.#outbox.map(({ call }) => call);
    for (const job of this.#jobs.values()) calls.push(...job.calls);
    return calls.filter((call) => call.state !== "done");
  }

  #onRedisError(error: Error, url: string): void {
    const refused = refusal(error, url);
    if (!refused || this.#refused) return;
    this.#refused = refused;
    for (const call of this.#unsettled()) this.#settle(call, false, refused);
  }

  /** Settles a job's calls from its outcome, then has the job removed (also a cancelled call's). */
  #outcome(id: string, outcome: JobOutcome): void {
    if (!id.startsWith(`${this.#id}-`)) return; // another driver's job
    const job = this.#jobs.get(id);
    if (outcome.state !== "missing") this.#removals.add(id);
    if (!job) return;
    settleJob(job, outcome, this.#answered, (reply, calls) => this.#batching.observe(reply, calls));
  }

  /** The Redis sockets keep the process alive only while there is work: calls, or jobs to remove. */
  #hold(): void {
    const held = this.#kit.unsettled > 0 || this.#removals.busy;
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
    // Still in the outbox, it never reaches Redis; else its job is its own (it has a timeout or signal).
    if (call.job)
      void this.#whileReachable(cancelJob(this.#client, this.#queue, this.options.queue, call.job.id));
  }

  /** Settles a call once, through the kit, and forgets it. */
  #settle(call: JobCall, ok: boolean, value: unknown): boolean {
    const waited = call.state === "queued"; // settled before any agent took it
    if (!this.#kit.settle(call, ok, value)) return false;
    if (waited) this.#waiting.left();
    const job = call.job;
    if (job && --job.open === 0) this.#jobs.delete(job.id);
    if (this.#kit.unsettled === 0) {
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

/** A Queue, Lock, … in a call's arguments: shared memory cannot reach another host. */
function talkerRefusal(name: string, site: { task: string }): InvalidArgumentError {
  return new InvalidArgumentError(
    `a ${name} cannot be sent through BullMQ: it is shared memory, which another host (or process) cannot share; use a local Pool of kind "thread"`,
    site,
  );
}
