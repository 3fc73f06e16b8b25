// Every error multiproc raises. Each message names the task and the module it concerns, so a
// failure read in a log says where to look without a debugger.
import type { SerializedError } from "../wire/serialized-error.ts";

export type { SerializedError } from "../wire/serialized-error.ts";

/** What an error is about: the export called and the module it lives in (either may be absent). */
export interface ErrorSite {
  /** The name of the export called. */
  task?: string | undefined;
  /** The task module's URL. */
  module?: string | undefined;
}

function where({ task, module }: ErrorSite): string {
  if (task && module) return ` (task "${task}" in ${module})`;
  if (task) return ` (task "${task}")`;
  if (module) return ` (module ${module})`;
  return "";
}

/** The base of every error raised by multiproc itself. */
export class MultiprocError extends Error {
  /** The export the failed call named, when the error concerns one. */
  readonly task: string | undefined;
  /** The task module's URL, when the error concerns one. */
  readonly module: string | undefined;
  constructor(message: string, site: ErrorSite = {}, options?: ErrorOptions) {
    super(message + where(site), options);
    this.name = new.target.name;
    this.task = site.task;
    this.module = site.module;
  }
}

/**
 * A task threw in its worker. `name`, `message` and `stack` are the worker's own, so
 * `err.name === "TypeError"` works as it would in-process; `instanceof TaskError` tells it came
 * from a worker, and `task` and `module` say which call.
 */
export class TaskError extends Error {
  /** The export that threw. */
  readonly task: string | undefined;
  /** The task module's URL. */
  readonly module: string | undefined;
  /** The thrown error's `code` property (`"ENOENT"`, …), or undefined. */
  readonly code: unknown;
  constructor(remote: SerializedError, site: ErrorSite = {}) {
    super(remote.message);
    this.name = remote.name;
    this.task = site.task;
    this.module = site.module;
    this.code = remote.code;
    this.stack = `${remote.stack ?? `${remote.name}: ${remote.message}`}\n    at <worker>${where(site)}`;
  }
}

/** A worker ended while it ran the task: exit code, or the signal that killed it. */
export class WorkerExitError extends MultiprocError {
  /** The worker's exit code, or null when a signal killed it. */
  readonly exitCode: number | null;
  /** The signal that killed the worker (`"SIGKILL"`, …), or null when it exited with a code. */
  readonly signal: string | null;
  constructor(
    exitCode: number | null,
    signal: string | null,
    site: ErrorSite = {},
    detail = "",
    when = "while running the task",
  ) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    super(`worker ${how} ${when}${detail ? `: ${detail}` : ""}`, site);
    this.exitCode = exitCode;
    this.signal = signal;
  }
}

/**
 * A task's worker went past `maxMemory`: the worker was ended and replaced (a Process ends), the
 * other tasks and the pool are untouched. A WorkerExitError too, with the exit it had.
 */
export class MemoryLimitError extends WorkerExitError {
  /** The limit, `maxMemory`, in MiB. */
  readonly limitMiB: number;
  /** The worker's resident memory when it was ended, in MiB, when known (a process watched by its parent). */
  readonly usedMiB: number | undefined;
  constructor(
    limitMiB: number,
    usedMiB: number | undefined,
    exit: { code: number | null; signal: string | null },
    site: ErrorSite = {},
  ) {
    const used = usedMiB === undefined ? "" : ` (${usedMiB} MiB resident)`;
    super(exit.code, exit.signal, site, `it went past maxMemory, ${limitMiB} MiB${used}`);
    this.limitMiB = limitMiB;
    this.usedMiB = usedMiB;
  }
}

/** A deadline passed: a per-call `timeout` (the task was ended) or `get({ timeout })` (it was not). */
export class TimeoutError extends MultiprocError {
  /** The deadline that passed, in milliseconds. */
  readonly timeout: number;
  constructor(timeout: number, site: ErrorSite = {}, detail = "timed out") {
    super(`${detail} after ${timeout} ms`, site);
    this.timeout = timeout;
  }
}

/** The call's AbortSignal fired; `reason` is the signal's reason. */
export class AbortError extends MultiprocError {
  /** The AbortSignal's `reason` (also the error's `cause`). */
  readonly reason: unknown;
  constructor(reason: unknown, site: ErrorSite = {}) {
    super(`aborted${reason instanceof Error ? `: ${reason.message}` : ""}`, site, { cause: reason });
    this.reason = reason;
  }
}

/** The pool was closed or terminated: no new task is taken, and terminate() rejects unfinished ones. */
export class PoolClosedError extends MultiprocError {}

/**
 * A pool's `maxQueue` tasks already wait for a worker; or a `Queue` has no room for an item
 * (`putNowait()`, `put` with `block: false` or a `timeout`: Python's `queue.Full`).
 */
export class QueueFullError extends MultiprocError {
  /** The pool's `maxQueue` option, or the Queue's `maxsize` (0 when only its bytes ran out). */
  readonly maxQueue: number;
  constructor(maxQueue: number, site: ErrorSite = {}, detail?: string) {
    super(detail ?? `queue full: ${maxQueue} tasks already wait for a worker (maxQueue)`, site);
    this.maxQueue = maxQueue;
  }
}

/** The task module could not be loaded in the worker: missing, a syntax error, or it threw on import. */
export class ModuleLoadError extends MultiprocError {
  /** The worker's report: the error its import threw, or the protocol mismatch. Its stack is appended. */
  readonly remote: SerializedError | undefined;
  constructor(detail: string, site: ErrorSite, remote?: SerializedError) {
    super(`cannot load the task module: ${detail}`, site);
    this.remote = remote;
    if (remote?.stack) this.stack = `${this.stack}\nworker stack: ${remote.stack}`;
  }
}

/** The initializer export threw (or is missing) in a worker: that worker cannot take tasks. */
export class InitializerError extends MultiprocError {
  /** The worker's report: the error the initializer threw, or that the export is missing. */
  readonly remote: SerializedError | undefined;
  constructor(detail: string, site: ErrorSite, remote?: SerializedError) {
    super(`the initializer failed: ${detail}`, site);
    this.remote = remote;
  }
}

/** The module has no function export of that name. */
export class UnknownTaskError extends MultiprocError {
  /** The module's function exports, sorted: the names that would have worked. */
  readonly available: string[];
  constructor(site: ErrorSite, available: string[]) {
    const list = available.length ? available.join(", ") : "none";
    super(`no function export of that name; the module's function exports: ${list}`, site);
    this.available = available;
  }
}

/**
 * Arguments or a result that the structured clone algorithm cannot copy (a function, a symbol, a
 * WeakMap, …). For arguments the message says which one (`argument 1`, `item 3 of its chunk`).
 * A class instance is no error: it arrives as a plain object, without its prototype.
 */
export class SerializationError extends MultiprocError {
  /** What failed to go: the call's `"arguments"`, the task's `"result"`, or an `"item"` put in a Queue or sent on a Pipe. */
  readonly direction: "arguments" | "result" | "item";
  constructor(direction: "arguments" | "result" | "item", detail: string, site: ErrorSite = {}) {
    super(`the ${direction} cannot be sent between workers: ${detail}`, site);
    this.direction = direction;
  }
}

/** An option or argument is invalid. Thrown synchronously, before any worker is involved. */
export class InvalidArgumentError extends MultiprocError {}

/** An operation that the object's state does not allow (join before close, start twice, …). */
export class InvalidStateError extends MultiprocError {}

/** The adapter could not start a worker at all (a missing permission, a missing binary, …). */
export class WorkerStartError extends MultiprocError {
  constructor(detail: string, site: ErrorSite = {}, cause?: unknown) {
    super(`cannot start a worker: ${detail}`, site, { cause });
  }
}
