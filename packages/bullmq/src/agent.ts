// An agent: a BullMQ Worker that pulls jobs (as many at once as its local pool can run, so no
// agent hoards work; a job of several short calls counts as one) and runs each through the local
// pool of its runtime's adapter (job-runner.ts). It runs only the named exports of its own module;
// a job carries data, never code.
import { AbortError } from "@multiproc/core";
import type { Pool } from "@multiproc/core/adapter";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { type AgentOptions, type AgentSettings, checkAgentOptions } from "./agent-options.ts";
import { cancelChannel, redact, redisClient, refusal } from "./connection.ts";
import { JobRunner } from "./job-runner.ts";
import { type AgentRuntime, loadLocalAdapter } from "./local-adapter.ts";
import { type PartialReply, progressData, type Reply, type TaskProgress } from "./wire.ts";

/** A running agent. */
export interface Agent {
  /** The runtime it runs on. */
  readonly runtime: AgentRuntime;
  /** Its local pool's workers alive now. */
  readonly workerCount: number;
  /** Takes no new task, lets the running ones finish and report, then ends its workers. */
  close(): Promise<void>;
  /** Stops at once: running tasks are left locked, and another agent takes them over after `lockMs`. */
  terminate(): Promise<void>;
}

/** Ids of calls cancelled before their job reached this agent, kept a while. */
const CANCEL_MEMORY = 10_000;

/**
 * Starts an agent serving `queue` on Redis with a local pool of `module`'s exports, on the
 * runtime it runs on (@multiproc/node, /deno or /bun must be installed). Bad options reject with
 * InvalidArgumentError before anything connects.
 */
export function startAgent(options: AgentOptions): Promise<Agent> {
  return launchAgent(options);
}

/** How multiproc-agent follows a start-up: a signal that stops it, and word while Redis is not there. */
export interface StartHooks {
  /** Aborted: a start not yet done ends what it began and rejects with AbortError. */
  signal?: AbortSignal | undefined;
  /** Called once when Redis has not answered `waitingMs` after the start began. */
  onWaiting?: (() => void) | undefined;
  /** How long to wait before onWaiting (ms, default 3000). */
  waitingMs?: number | undefined;
}

/** startAgent(…) with start-up hooks (for multiproc-agent; not exported by the package). */
export async function launchAgent(options: AgentOptions, hooks: StartHooks = {}): Promise<Agent> {
  const { runtime, adapter, Pool } = await loadLocalAdapter();
  const settings = checkAgentOptions(options, adapter);
  hooks.signal?.throwIfAborted();
  const agent = new RunningAgent(settings, runtime, new Pool(settings.local));
  await agent.start(hooks);
  return agent;
}

class RunningAgent implements Agent {
  readonly #running = new Map<string, AbortController>();
  readonly #cancelled = new Set<string>();
  readonly #client: Redis;
  readonly #subscriber: Redis;
  readonly #worker: Worker;
  #ended: Promise<void> | undefined;
  #refuse: (error: Error) => void = () => {};
  /** Rejects when Redis refuses the credentials, so that start() fails instead of waiting for ever. */
  readonly #refused = new Promise<never>((_, reject) => {
    this.#refuse = reject;
  });

  // Private (#), so that inspecting or printing an agent never shows its URL and password.
  readonly #settings: AgentSettings;
  readonly #local: Pool;
  readonly #runner: JobRunner;
  /** The runtime it runs on. */
  readonly runtime: AgentRuntime;

  constructor(settings: AgentSettings, runtime: AgentRuntime, local: Pool) {
    this.#settings = settings;
    this.runtime = runtime;
    this.#local = local;
    this.#runner = new JobRunner(local, settings.maxPayload);
    const { url, queue, lockMs, tlsCa } = settings;
    const onError = (error: Error) => {
      const refused = refusal(error, url);
      if (refused) this.#refuse(refused);
    };
    this.#client = redisClient(url, onError, tlsCa);
    this.#subscriber = redisClient(url, onError, tlsCa);
    this.#subscriber.on("message", (_channel: string, message: string) => this.#onCancel(message));
    const capacity = local.options.workers * local.options.concurrency;
    this.#worker = new Worker(queue, (job: Job) => this.#run(job), {
      connection: this.#client,
      concurrency: capacity,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 1, // taken over once; a second loss fails the job with "stalled"
      autorun: false,
    });
    this.#worker.on("error", () => {}); // connection trouble: BullMQ reconnects; never print the URL
  }

  get workerCount(): number {
    return this.#local.workerCount;
  }

  /** What JSON.stringify shows: the runtime and the redacted URL, nothing secret. */
  toJSON(): { runtime: AgentRuntime; connection: string; queue: string } {
    return { runtime: this.runtime, connection: redact(this.#settings.url), queue: this.#settings.queue };
  }

  async start({ signal, onWaiting, waitingMs = 3000 }: StartHooks = {}): Promise<void> {
    this.#refused.catch(() => {});
    let stop = (_error: Error) => {};
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => {});
    const onAbort = () => stop(new AbortError("the agent's start was stopped before Redis answered"));
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const waiting = onWaiting ? setTimeout(onWaiting, waitingMs) : undefined;
    try {
      const subscribed = this.#subscriber.subscribe(cancelChannel(this.#settings.queue));
      await Promise.race([subscribed, this.#refused, stopped]);
      clearTimeout(waiting);
      void this.#worker.run().catch(() => {});
      await Promise.race([this.#worker.waitUntilReady(), this.#refused, stopped]);
    } catch (error) {
      await this.terminate();
      // A refusal may come as the first command's rejection rather than as a connection error.
      throw (error instanceof Error && refusal(error, this.#settings.url)) || error;
    } finally {
      clearTimeout(waiting);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  close(): Promise<void> {
    this.#ended ??= this.#end(false);
    return this.#ended;
  }

  terminate(): Promise<void> {
    this.#ended ??= this.#end(true);
    return this.#ended;
  }

  async #end(now: boolean): Promise<void> {
    await this.#worker.close(now).catch(() => {});
    if (now) await this.#local.terminate();
    else {
      this.#local.close();
      await this.#local.join();
    }
    this.#subscriber.disconnect();
    this.#client.disconnect();
  }

  #onCancel(message: string): void {
    let ids: unknown;
    try {
      ids = JSON.parse(message);
    } catch {
      return;
    }
    if (!Array.isArray(ids)) return;
    for (const id of ids) {
      if (typeof id !== "string") continue;
      const running = this.#running.get(id);
      if (running) running.abort("cancelled by the driver");
      else this.#remember(id);
    }
  }

  #remember(id: string): void {
    this.#cancelled.add(id);
    if (this.#cancelled.size > CANCEL_MEMORY) {
      const oldest = this.#cancelled.values().next().value as string;
      this.#cancelled.delete(oldest);
    }
  }

  async #run(job: Job): Promise<Reply> {
    const id = String(job.id);
    if (this.#cancelled.delete(id)) return this.#runner.cancelled(job.data);
    const controller = new AbortController();
    this.#running.set(id, controller);
    // Job progress, in order: a long job's finished outcomes, or what a lone call's task reported
    // (each in Redis before the job completes: the driver reads them first).
    let updates: Promise<unknown> = Promise.resolve();
    const send = (data: PartialReply | TaskProgress) => {
      updates = updates.then(() => job.updateProgress(data)).catch(() => {});
    };
    const progress = (value: unknown) => {
      const data = progressData(value);
      if (JSON.stringify(data).length <= this.#settings.maxPayload) send(data); // else dropped: the task goes on
    };
    try {
      const reply = await this.#runner.run(job.data, controller.signal, { report: send, progress });
      await updates;
      return reply;
    } finally {
      this.#running.delete(id);
    }
  }
}
