// A Pool's events (it is an EventTarget, the same class on every runtime): "drain" when the calls
// waiting for a worker have all been handed to one, "workerstart" and "workerexit". Events are
// made only for the types someone listens to: an engine tells of a drain after every burst.
import type { WorkerKind } from "./adapter.ts";
import type { EngineObserver, WorkerInfo } from "./engine/engine.ts";

/** A worker's "workerstart" or "workerexit". */
export class WorkerEvent extends Event {
  /** The worker's process id (kind "process") or thread id. */
  readonly pid: number | undefined;
  /** A thread or a process. */
  readonly kind: WorkerKind;
  /** For "workerexit": its exit code, or null when a signal ended it. */
  readonly exitCode: number | null;
  /** For "workerexit": the signal that ended it (`"SIGKILL"`, …), or null. */
  readonly signal: string | null;

  constructor(
    type: "workerstart" | "workerexit",
    worker: WorkerInfo & { exitCode?: number | null; signal?: string | null },
  ) {
    super(type);
    this.pid = worker.pid;
    this.kind = worker.kind;
    this.exitCode = worker.exitCode ?? null;
    this.signal = worker.signal ?? null;
  }
}

/** The events a Pool dispatches, by type. */
export interface PoolEventMap {
  /** The calls that waited for a worker have all been handed to one: room to submit more. */
  drain: Event;
  /** A worker has started and is ready for calls. */
  workerstart: WorkerEvent;
  /** A worker has ended (`exitCode` or `signal`). */
  workerexit: WorkerEvent;
}

/** Turns an engine's news into the Pool's events, for the types that have listeners. */
export class PoolEvents implements EngineObserver {
  readonly #target: EventTarget;
  /** The event types that were ever listened to. */
  readonly listened = new Set<string>();

  constructor(target: EventTarget) {
    this.#target = target;
  }

  drained(): void {
    if (this.listened.has("drain")) this.#target.dispatchEvent(new Event("drain"));
  }

  workerStarted(worker: WorkerInfo): void {
    if (this.listened.has("workerstart")) this.#target.dispatchEvent(new WorkerEvent("workerstart", worker));
  }

  workerExited(worker: WorkerInfo & { exitCode: number | null; signal: string | null }): void {
    if (this.listened.has("workerexit")) this.#target.dispatchEvent(new WorkerEvent("workerexit", worker));
  }
}
