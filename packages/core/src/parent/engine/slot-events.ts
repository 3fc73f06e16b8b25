// What a worker slot and its owner (an engine, a Process) say to each other: what a slot is made
// from, and the events it reports. Apart from worker-slot.ts so that the slot reads as behaviour.
import type { Adapter, WorkerExit, WorkerKind } from "../adapter.ts";
import type { MultiprocError } from "../errors.ts";
import type { Task } from "./task.ts";
import type { WorkerSlot } from "./worker-slot.ts";

/** One answered call, as a slot hands it to its owner: one object per slot, reused, so read it at once. */
export interface Answer {
  /** The call answered. */
  task: SlotTask;
  /** Whether it succeeded. */
  ok: boolean;
  /** Its result, or its typed error. */
  value: unknown;
  /** About how long it took in the worker, in ms. */
  ms: number;
}

/** What a slot tells its owner. */
export interface SlotEvents {
  /** The worker finished its start-up: it takes calls now. */
  ready(slot: WorkerSlot): void;
  /** The worker cannot take calls: its module or initializer failed. */
  initFailed(slot: WorkerSlot, error: MultiprocError): void;
  /**
   * A call was answered. `more`: other answers of the same message follow at once, so the owner
   * may leave what it does after an answer to the last.
   */
  answered(slot: WorkerSlot, answer: Answer, more: boolean): void;
  /** The worker has ended; its unanswered calls are still in it (see takeUnanswered()). */
  exited(slot: WorkerSlot, exit: WorkerExit): void;
  /** Ending the worker did not end it (a thread stuck in a synchronous loop): it lives on, counted, until it does end. */
  unstoppable?(slot: WorkerSlot): void;
}

/** What the worker's init message carries. */
export interface SlotInit {
  /** The task module's URL. */
  module: string;
  /** The export run once before the first call. */
  initializer?: string | undefined;
  /** Its arguments. */
  initArgs?: unknown[] | undefined;
  /** Calls the worker runs at once. */
  concurrency?: number | undefined;
}

/** What a slot is made from: the worker to start, what to tell it first, and whom to tell of it. */
export interface SlotStart {
  /** Starts the worker. */
  adapter: Adapter;
  /** Which kind of worker. */
  kind: WorkerKind;
  /** The worker's name, where the runtime shows one. */
  name?: string | undefined;
  /** Its memory bound in MiB (Infinity or undefined: none). */
  maxMemory?: number | undefined;
  /** The init message's content. */
  init: SlotInit;
  /** The owner's handlers. */
  events: SlotEvents;
}

/** A task as a slot holds it. */
export type SlotTask = Task<WorkerSlot>;
