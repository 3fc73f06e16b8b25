// Process: Python's multiprocessing.Process. One worker runs one target, then ends. exitCode
// follows Python: null while running, 0 on success, 1 when the target throws, -N when the worker
// was ended by signal N (terminate() → -15, kill() → -9, on threads too).

import { handOff } from "../talk/handoff.ts";
import type { Adapter, WorkerExit, WorkerKind } from "./adapter.ts";
import { Task } from "./engine/task.ts";
import { type SlotTask, WorkerSlot } from "./engine/worker-slot.ts";
import {
  InvalidArgumentError,
  InvalidStateError,
  MemoryLimitError,
  WorkerExitError,
  WorkerStartError,
} from "./errors.ts";
import { type KeyList, refuseUnknownKeys } from "./known-keys.ts";
import { checkKind, checkMaxMemory, checkTaskName, resolveModule } from "./options.ts";
import { signalNumber } from "./signals.ts";
import type { AnyFunction, TaskArgs, TaskModuleRef, TaskName, TaskResult } from "./types.ts";

/** The options of `new Process(…)`, Python's `Process(target=…, args=…, name=…)`. */
export interface ProcessOptions<M = Record<string, AnyFunction>, K extends TaskName<M> = TaskName<M>> {
  /** The task module: a URL, or an absolute path / URL string; from taskModule(), it also types `target` and `args`. */
  module: TaskModuleRef<M>;
  /** The export to run. */
  target: K;
  /** The target's arguments (default: none). */
  args?: TaskArgs<M, K> | undefined;
  /** "thread" or "process" (default: the adapter's first kind, "thread" on Node, Deno and Bun). */
  kind?: WorkerKind | undefined;
  /** A name for the worker (default `Process-N`), shown by debuggers and process lists where possible. */
  name?: string | undefined;
  /** MiB the worker may use, as the Pool option: past it the Process ends and `result` rejects with MemoryLimitError. */
  maxMemory?: number | undefined;
}

/** Every option of ProcessOptions: a key not here is refused. */
const PROCESS_OPTION_KEYS = {
  module: true,
  target: true,
  args: true,
  kind: true,
  name: true,
  maxMemory: true,
} as const satisfies KeyList<ProcessOptions>;

let processCount = 0;

/**
 * Python's `multiprocessing.Process`, over any adapter: one worker runs one export, then ends.
 * `exitCode` follows Python: null while running, 0 on success, 1 when the target throws, -N when
 * the worker was ended by signal N. Adapter packages export a subclass bound to their runtime.
 */
export class Process<M extends object = Record<string, AnyFunction>, K extends TaskName<M> = TaskName<M>> {
  /** The `name` option, or `Process-N`. */
  readonly name: string;
  /** null until the worker has ended; then 0, 1 or -signal. */
  exitCode: number | null = null;
  readonly #adapter: Adapter;
  readonly #module: string;
  readonly #target: string;
  readonly #kind: WorkerKind;
  readonly #maxMemory: number;
  /** The one call: its arguments are dropped once sent, so the Process does not keep them alive (as CPython, bpo-30775). */
  readonly #task: SlotTask;
  #slot: WorkerSlot | undefined;
  #state: "new" | "running" | "ended" = "new";
  #userSignal: "SIGTERM" | "SIGKILL" | undefined;
  readonly #ended: Promise<void>;
  #markEnded!: () => void;

  constructor(options: ProcessOptions<M, K>, adapter: Adapter) {
    if (options === null || typeof options !== "object")
      throw new InvalidArgumentError("Process options must be an object");
    refuseUnknownKeys(options, PROCESS_OPTION_KEYS, "Process");
    checkTaskName(options.target);
    if (options.args !== undefined && !Array.isArray(options.args)) {
      throw new InvalidArgumentError("args must be an array", { task: options.target });
    }
    this.#adapter = adapter;
    this.#module = resolveModule(options.module, adapter);
    this.#kind = checkKind(options.kind, adapter);
    this.#maxMemory = checkMaxMemory(options.maxMemory, adapter, this.#kind);
    handOff(options.args ?? [], this.#kind, "a Process's args", true); // a Queue, Lock, … refused now for kind "process"
    this.#target = options.target;
    this.#task = new Task(1, { task: options.target, args: options.args ?? [] });
    this.#task.promise.catch(() => {}); // the error waits for whoever reads `result`
    this.name = options.name ?? `Process-${++processCount}`;
    this.#ended = new Promise((resolve) => {
      this.#markEnded = resolve;
    });
  }

  /** The target's return value; rejects with its error (or how the worker died). */
  get result(): Promise<TaskResult<M, K>> {
    return this.#task.promise as Promise<TaskResult<M, K>>;
  }

  /** The worker's process id (kind "process") or thread id (kind "thread"), once started. */
  get pid(): number | undefined {
    return this.#slot?.pid;
  }

  /** Starts the worker, which runs the target. Throws InvalidStateError when called twice. */
  start(): void {
    if (this.#state !== "new")
      throw new InvalidStateError("a process can be started only once", this.#site());
    this.#state = "running";
    const site = this.#site();
    const task = this.#task;
    try {
      this.#slot = new WorkerSlot({
        adapter: this.#adapter,
        kind: this.#kind,
        name: this.name,
        maxMemory: this.#maxMemory,
        init: { module: this.#module },
        events: {
          ready: () => {}, // the call went with "init" (see #run)
          initFailed: (slot, error) => {
            task.settle(false, error);
            slot.stop(); // the worker is idle: it ends by itself with code 0, and exitCode becomes 1
          },
          answered: (slot, answer) => {
            answer.task.settle(answer.ok, answer.value);
            slot.stop();
          },
          exited: (_slot, exit) => this.#exited(exit),
        },
      });
    } catch (error) {
      task.settle(
        false,
        new WorkerStartError(error instanceof Error ? error.message : String(error), site, error),
      );
      this.exitCode = 1;
      this.#end();
      return;
    }
    this.#run(this.#slot);
  }

  /** Waits for the worker to end, or for `timeout` ms; like Python's, it never throws on timeout. */
  async join(options: { timeout?: number } = {}): Promise<void> {
    if (this.#state === "new") throw new InvalidStateError("join() before start()", this.#site());
    if (options.timeout === undefined) return this.#ended;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.#ended,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeout))),
    ]);
    clearTimeout(timer);
  }

  /** Whether the worker has started and not yet ended. */
  isAlive(): boolean {
    return this.#state === "running";
  }

  /** SIGTERM for a process; a thread just stops. exitCode becomes -15. */
  terminate(): void {
    this.#stop("SIGTERM");
  }

  /** SIGKILL for a process; a thread just stops. exitCode becomes -9. */
  kill(): void {
    this.#stop("SIGKILL");
  }

  #stop(signal: "SIGTERM" | "SIGKILL"): void {
    if (this.#state !== "running" || !this.#slot) return;
    this.#userSignal ??= signal;
    this.#slot.kill(signal);
  }

  /**
   * Sends the call and "stop" right behind "init", without waiting for "ready": the worker runs
   * the call once its module has loaded, then ends. Two round trips fewer at start.
   */
  #run(slot: WorkerSlot): void {
    const task = this.#task;
    try {
      slot.run(task);
    } catch (error) {
      task.settle(false, error);
    }
    task.args = []; // sent: a copy is in the worker, and nothing here keeps these alive
    slot.stop();
  }

  #exited(exit: WorkerExit): void {
    if (this.#state === "ended") return; // start() failed and ended it already
    const signal = this.#userSignal ?? exit.signal;
    const succeeded = this.#task.succeeded;
    if (signal) this.exitCode = -(signalNumber(signal) ?? 1);
    else if (succeeded !== undefined) this.exitCode = succeeded ? 0 : 1;
    else this.exitCode = exit.code ?? 1;
    // No answer came: the worker's end is the outcome. An error is built only then: its stack
    // costs tens of µs, on every Process's normal end otherwise.
    if (succeeded === undefined) {
      const site = { task: this.#target, module: this.#module };
      this.#task.settle(
        false,
        exit.memory
          ? new MemoryLimitError(exit.memory.limitMiB, exit.memory.usedMiB, exit, site)
          : new WorkerExitError(exit.code, signal ?? null, site),
      );
    }
    this.#end();
  }

  #end(): void {
    this.#state = "ended";
    this.#markEnded();
  }

  #site() {
    return { task: this.#target, module: this.#module };
  }
}
