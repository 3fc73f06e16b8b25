/**
 * What a user of any adapter sees besides the adapter's own `Pool` and `Process`: `AsyncResult`,
 * the errors, and the option and task types. Each adapter package (`@multiproc/node`,
 * `@multiproc/deno`, `@multiproc/bun`) re-exports all of it, so users import from their adapter.
 * The adapter-author API (engines, scheduler, task server, IPC entry) lives in
 * `@multiproc/core/adapter` and `@multiproc/core/worker`.
 *
 * @module @multiproc/core
 */
export type { TransferItem, WorkerKind } from "./parent/adapter.ts";
export { AsyncResult, type WaitOptions } from "./parent/async-result.ts";
export type { Percentiles, PoolStats, WorkerCounts } from "./parent/engine/call-stats.ts";
export {
  AbortError,
  type ErrorSite,
  InitializerError,
  InvalidArgumentError,
  InvalidStateError,
  MemoryLimitError,
  ModuleLoadError,
  MultiprocError,
  PoolClosedError,
  QueueFullError,
  SerializationError,
  type SerializedError,
  TaskError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
} from "./parent/errors.ts";
export type {
  BulkProgress,
  CallOptions,
  MapOptions,
  PoolOptions,
  ResolvedPoolOptions,
} from "./parent/options.ts";
export { type PoolEventMap, WorkerEvent } from "./parent/pool-events.ts";
export type { ProcessOptions } from "./parent/process.ts";
export { taskModule } from "./parent/task-module.ts";
export type {
  AnyFunction,
  ItemTaskName,
  TaskArgs,
  TaskItem,
  TaskModule,
  TaskModuleRef,
  TaskName,
  TaskResult,
} from "./parent/types.ts";
export { Barrier, type BarrierOptions } from "./talk/barrier.ts";
export { Condition } from "./talk/condition.ts";
export { Event } from "./talk/event.ts";
export { Lock, RLock } from "./talk/lock.ts";
export { Connection, Pipe } from "./talk/pipe.ts";
export { JoinableQueue, Queue, type QueueOptions, SimpleQueue } from "./talk/queue.ts";
export { BoundedSemaphore, Semaphore } from "./talk/semaphore.ts";
export { type LockOption, SharedArray, Value } from "./talk/shared-value.ts";
export {
  BrokenBarrierError,
  BrokenPipeError,
  EOFError,
  QueueEmptyError,
  TooManyReleasesError,
} from "./talk/talk-errors.ts";
export type { BlockOptions } from "./talk/talk-options.ts";
export type { Typecode, TypecodeValue } from "./talk/typecodes.ts";
