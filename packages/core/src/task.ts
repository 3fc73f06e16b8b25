// One call on its way through a pool: from the queue to a worker to a settled promise.
import type { TransferItem } from "./adapter.ts";
import type { Chunk } from "./protocol.ts";
import type { WorkerSlot } from "./worker-slot.ts";

export type TaskState = "queued" | "running" | "done";

export interface Task {
  readonly id: number;
  readonly fn: string;
  /** The call's arguments, or for a chunk its items or argument lists (a Process drops them once sent). */
  args: unknown[];
  readonly chunk: Chunk | false;
  readonly transfer: readonly TransferItem[] | undefined;
  /** Has a timeout or a signal: it must never wait inside a worker, where it could not be taken back. */
  readonly cancellable: boolean;
  /** When it was sent to its worker (performance.now()). */
  sentAt: number;
  state: TaskState;
  slot: WorkerSlot | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Clears the task's timer and signal listener. */
  cleanup(): void;
}
