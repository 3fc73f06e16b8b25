export type {
  Adapter,
  SpawnOptions,
  TransferItem,
  WorkerExit,
  WorkerHandle,
  WorkerKind,
} from "./adapter.ts";
export { AsyncResult, type WaitOptions } from "./async-result.ts";
export { type Admission, type Engine, type EngineFactory, refuseCall } from "./engine.ts";
export {
  AbortError,
  type ErrorSite,
  InitializerError,
  InvalidArgumentError,
  InvalidStateError,
  ModuleLoadError,
  MultiprocError,
  PoolClosedError,
  QueueFullError,
  SerializationError,
  type SerializedError,
  serializeError,
  TaskError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
} from "./errors.ts";
export { inProcessAdapter } from "./in-process-adapter.ts";
export { type IpcProcess, type IpcServeOptions, serveOverIpc } from "./ipc-entry.ts";
export { moduleUrl } from "./module-url.ts";
export {
  type CallOptions,
  checkCallOptions,
  checkTaskName,
  type MapOptions,
  type PoolOptions,
  type ResolvedPoolOptions,
} from "./options.ts";
export { Pool } from "./pool.ts";
export { PoolEngine } from "./pool-engine.ts";
export { Process, type ProcessOptions } from "./process.ts";
export { type Call, type Chunk, type FromWorker, PROTOCOL_VERSION, type ToWorker } from "./protocol.ts";
export { RingQueue } from "./ring-queue.ts";
export { FifoScheduler } from "./scheduler.ts";
export { type ServeOptions, serveTasks, type TaskServer, type WorkerChannel } from "./task-server.ts";
export type { AnyFunction, TaskArgs, TaskItem, TaskModule, TaskName, TaskResult } from "./types.ts";
