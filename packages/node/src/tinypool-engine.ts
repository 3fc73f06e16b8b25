// A Pool engine on tinypool, for users already on it: the same Pool API and errors, tinypool's
// workers and queue underneath. What tinypool has no way to do is refused with a clear error.
import {
  AbortError,
  type CallOptions,
  InitializerError,
  InvalidArgumentError,
  InvalidStateError,
  ModuleLoadError,
  PoolClosedError,
  type ResolvedPoolOptions,
  SerializationError,
  TaskError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
} from "@multiproc/core";
import { type Chunk, type Engine, entryBeside, refuseCall } from "@multiproc/core/adapter";
import Tinypool from "tinypool";
import type { TinypoolCall, TinypoolOutcome } from "./tinypool-task.ts";

const shim = entryBeside(import.meta.url, "tinypool-task");

export class TinypoolEngine implements Engine {
  readonly options: ResolvedPoolOptions;
  readonly #pool: Tinypool;
  #pending = 0;
  #closed = false;
  #terminated = false;
  #drained: (() => void)[] = [];

  constructor(options: ResolvedPoolOptions) {
    if (options.maxTasksPerWorker !== Number.POSITIVE_INFINITY) {
      throw new InvalidArgumentError('maxTasksPerWorker is not available with engine "tinypool"');
    }
    this.options = options;
    this.#pool = new Tinypool({
      filename: shim.href,
      // Structured clone for child processes too, so Map, Date, bigint… survive as with threads.
      serialization: "advanced",
      runtime: options.kind === "process" ? "child_process" : "worker_threads",
      // tinypool runs tasks concurrently in a worker only if that worker was started as one of
      // minThreads; with an idleTimeout the workers must be allowed to go, so then none are kept.
      minThreads: Number.isFinite(options.idleTimeout) ? 0 : options.workers,
      maxThreads: options.workers,
      concurrentTasksPerWorker: options.concurrency,
      ...(Number.isFinite(options.idleTimeout) ? { idleTimeout: options.idleTimeout } : {}),
    });
  }

  get workerCount(): number {
    return this.#pool.threads.length;
  }

  submit(
    fn: string,
    args: unknown[],
    chunk: Chunk | false,
    options: CallOptions | undefined,
    bounded: boolean,
  ): Promise<unknown> {
    const site = { task: fn, module: this.options.module };
    const refused = refuseCall(fn, options, bounded, this.options, {
      closed: this.#closed,
      terminated: this.#terminated,
      inSystem: this.#pending,
    });
    if (refused) return Promise.reject(refused);
    // tinypool runs a call that fails to reach its worker as if that worker had died, and can
    // stall the calls behind it: refuse what cannot be sent before tinypool sees it.
    const unsendable = whyUnsendable(args, options?.transfer);
    if (unsendable !== undefined)
      return Promise.reject(new SerializationError("arguments", unsendable, site));

    // One controller ends the task in tinypool for a timeout or the caller's signal; `why` says which.
    const controller = new AbortController();
    let why: Error | undefined;
    const stop = (error: Error) => {
      why ??= error;
      controller.abort(error);
    };
    const timeout = options?.timeout;
    const timer =
      timeout === undefined ? undefined : setTimeout(() => stop(new TimeoutError(timeout, site)), timeout);
    const signal = options?.signal;
    const onAbort = () => stop(new AbortError(signal?.reason, site));
    signal?.addEventListener("abort", onAbort, { once: true });

    const call: TinypoolCall = {
      module: this.options.module,
      fn,
      args,
      chunk,
      initializer: this.options.initializer,
      initArgs: this.options.initArgs,
    };
    this.#pending++;
    return (
      this.#pool
        // Only calls that can be stopped get a signal: tinypool runs those alone in their worker.
        .run(call, {
          signal: timeout !== undefined || signal ? controller.signal : null,
          transferList: options?.transfer as never,
        })
        .then(
          (outcome: TinypoolOutcome) => {
            if (outcome.ok) return outcome.value;
            throw this.#outcomeError(outcome, site);
          },
          (error: unknown) => {
            throw this.#runError(error, why, site);
          },
        )
        .finally(() => {
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          this.#pending--;
          this.#checkDrained();
        })
    );
  }

  close(): void {
    this.#closed = true;
    this.#checkDrained();
  }

  join(): Promise<void> {
    if (!this.#closed)
      return Promise.reject(
        new InvalidStateError("join() needs close() or terminate() first", { module: this.options.module }),
      );
    return new Promise((resolve) => {
      this.#drained.push(resolve);
      this.#checkDrained();
    });
  }

  async terminate(): Promise<void> {
    this.#closed = true;
    this.#terminated = true;
    await this.#pool.destroy();
    await this.join();
  }

  #checkDrained(): void {
    if (!this.#closed || this.#pending > 0) return;
    const waiters = this.#drained.splice(0);
    if (waiters.length === 0) return;
    void this.#pool.destroy().then(() => {
      for (const resolve of waiters) resolve();
    });
  }

  #outcomeError(
    outcome: Extract<TinypoolOutcome, { ok: false }>,
    site: { task: string; module: string },
  ): Error {
    const { error } = outcome;
    if (outcome.stage === "module")
      return new ModuleLoadError(`${error.name}: ${error.message}`, { module: site.module }, error);
    if (outcome.stage === "initializer")
      return new InitializerError(`${error.name}: ${error.message}`, { module: site.module }, error);
    if (outcome.reason === "unknown-task") return new UnknownTaskError(site, outcome.available ?? []);
    if (outcome.reason === "unsendable-result") return new SerializationError("result", error.message, site);
    return new TaskError(error, site);
  }

  /** tinypool's own rejections: our abort, a destroyed pool, a value it could not clone, a dead worker. */
  #runError(error: unknown, why: Error | undefined, site: { task: string; module: string }): Error {
    if (why) return why;
    const message = error instanceof Error ? error.message : String(error);
    if (this.#terminated)
      return new PoolClosedError("the pool was terminated before the task finished", site);
    if (error instanceof Error && error.name === "DataCloneError")
      return new SerializationError("arguments", message, site);
    return new WorkerExitError(null, null, site, message);
  }
}

/** Why a call's arguments cannot be sent as they are, or undefined when they can. */
function whyUnsendable(args: unknown[], transfer: readonly object[] | undefined): string | undefined {
  if (transfer?.length) {
    if (new Set(transfer).size !== transfer.length) return "the transfer list names an object twice";
    if (transfer.some((item) => ArrayBuffer.isView(item))) {
      return "the transfer list holds a view (a typed array): transfer its .buffer";
    }
    return undefined; // transferring is the only test left, and it would detach them now
  }
  try {
    structuredClone(args);
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
