// A Pool engine on tinypool, for users already on it: the same Pool API and errors, tinypool's
// workers and queue underneath. The engine kit does admission, timeouts and aborts, settle-once
// and the drain; what tinypool has no way to do is refused with a clear error.
import {
  InvalidArgumentError,
  type MultiprocError,
  type PoolStats,
  type ResolvedPoolOptions,
  SerializationError,
  WorkerExitError,
} from "@multiproc/core";
import {
  type CallRequest,
  type Chunk,
  callError,
  type Engine,
  EngineKit,
  type EngineObserver,
  entryBeside,
  findTalker,
  initError,
  PROTOCOL_VERSION,
  Task,
  unsendablePart,
} from "@multiproc/core/adapter";
import Tinypool from "tinypool";
import type { TinypoolCall, TinypoolOutcome } from "./tinypool-task.ts";

const shim = entryBeside(import.meta.url, "tinypool-task");

/** A call as this engine holds it: the controller that stops it in tinypool, made only if it can be stopped. */
class TinypoolTask extends Task {
  controller: AbortController | undefined;
}

export class TinypoolEngine implements Engine {
  readonly options: ResolvedPoolOptions;
  readonly #pool: Tinypool;
  readonly #kit: EngineKit<TinypoolTask>;
  readonly #init: TinypoolCall["init"];
  #nextId = 1;

  constructor(options: ResolvedPoolOptions) {
    if (options.maxTasksPerWorker !== Number.POSITIVE_INFINITY) {
      throw new InvalidArgumentError('maxTasksPerWorker is not available with engine "tinypool"');
    }
    if (options.maxMemory !== Number.POSITIVE_INFINITY) {
      throw new InvalidArgumentError(
        'maxMemory cannot bound a worker of engine "tinypool": use the Pool of @multiproc/node itself',
      );
    }
    const talker = findTalker(options.initArgs);
    if (talker) {
      throw new InvalidArgumentError(
        `a ${talker[Symbol.toStringTag]} in initArgs cannot be handed to the workers of engine "tinypool", which sends arguments its own way: use the default engine`,
      );
    }
    this.options = options;
    const { module, initializer, initArgs } = options;
    this.#init = { t: "init", v: PROTOCOL_VERSION, module, initializer, initArgs };
    this.#kit = new EngineKit<TinypoolTask>(options, {
      // The call settles now; tinypool ends its run (and replaces the worker) on the abort.
      stop: (task, error) => {
        this.#kit.settle(task, false, error);
        task.controller?.abort(error);
      },
      shutdown: () => this.#pool.destroy(),
    });
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

  /** tinypool says when its queue empties; of its workers' starts and ends it says nothing. */
  observe(observer: EngineObserver): void {
    this.#pool.on("drain", () => observer.drained());
  }

  /** tinypool's queue and workers as it reports them (it says which are busy only in all); the kit's counts and times. */
  stats(): PoolStats {
    const total = this.#pool.threads.length;
    const queued = this.#pool.queueSize;
    const running = this.#kit.unsettled - queued;
    const busy = Math.min(total, Math.ceil(Math.max(0, running) / this.options.concurrency));
    return {
      workers: { total, busy, idle: total - busy, starting: 0 },
      queued,
      running,
      ...this.#kit.callStats(),
      utilization: undefined,
    };
  }

  submit(request: CallRequest): Promise<unknown> {
    const kit = this.#kit;
    const refused = kit.refuse(request);
    if (refused) return Promise.reject(refused);
    const site = { task: request.task, module: this.options.module };
    const talker = findTalker(request.args);
    if (talker) {
      const why = `a ${talker[Symbol.toStringTag]} cannot be handed to a task with engine "tinypool", which sends arguments its own way: use the default engine`;
      return Promise.reject(new InvalidArgumentError(why, site));
    }
    if (request.options?.onProgress) {
      const why =
        'onProgress is not available with engine "tinypool": it gives a running task no channel to its caller';
      return Promise.reject(new InvalidArgumentError(why, site));
    }
    // tinypool runs a call that fails to reach its worker as if that worker had died, and can
    // stall the calls behind it: refuse what cannot be sent before tinypool sees it.
    const unsendable = whyUnsendable(request.args, request.chunk, request.options?.transfer);
    if (unsendable !== undefined)
      return Promise.reject(new SerializationError("arguments", unsendable, site));

    const task = new TinypoolTask(this.#nextId++, request);
    // Only calls that can be stopped get a signal: tinypool runs those alone in their worker.
    if (task.cancellable) task.controller = new AbortController();
    kit.track(task, request);
    const call: TinypoolCall = {
      init: this.#init,
      call: { id: task.id, fn: task.fn, args: task.args, chunk: task.chunk },
    };
    this.#pool
      .run(call, {
        signal: task.controller?.signal ?? null,
        transferList: request.options?.transfer as never,
      })
      .then(
        (outcome: TinypoolOutcome) => this.#answered(task, outcome),
        (error: unknown) => kit.settle(task, false, this.#runError(error, site)),
      );
    return task.promise;
  }

  close(): void {
    this.#kit.close();
  }

  join(): Promise<void> {
    return this.#kit.join();
  }

  async terminate(): Promise<void> {
    this.#kit.beginTermination();
    // Every call tinypool still holds ends with the pool; each settles as terminated.
    await this.#pool.destroy();
    await this.#kit.whenDrained();
  }

  #answered(task: TinypoolTask, outcome: TinypoolOutcome): void {
    const module = this.options.module;
    // tinypool tells no wait apart from the run: the whole time since the call was taken counts as run.
    this.#kit.ran(task, performance.now() - task.createdAt);
    if (outcome.t === "ok") this.#kit.settle(task, true, outcome.value);
    else if (outcome.t === "err") this.#kit.settle(task, false, callError(module, task.fn, outcome));
    else this.#kit.settle(task, false, initError(module, outcome));
  }

  /** tinypool's own rejections: a destroyed pool, a value it could not clone, a dead worker. */
  #runError(error: unknown, site: { task: string; module: string }): MultiprocError {
    const message = error instanceof Error ? error.message : String(error);
    if (this.#kit.terminated) return this.#kit.terminatedError(site.task, undefined);
    if (error instanceof Error && error.name === "DataCloneError")
      return new SerializationError("arguments", message, site);
    return new WorkerExitError(null, null, site, message);
  }
}

/** Why a call's arguments cannot be sent as they are, or undefined when they can. */
function whyUnsendable(
  args: unknown[],
  chunk: Chunk | undefined,
  transfer: readonly object[] | undefined,
): string | undefined {
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
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const part = unsendablePart(args, chunk);
    return part ? `${part} cannot be cloned (${why})` : why;
  }
}
