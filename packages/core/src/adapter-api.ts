/**
 * What an adapter (or an engine) is built from: the `Adapter` interface, the runtime-free
 * `Pool` and `Process` that take an adapter, engines, the FIFO scheduler and the wire protocol.
 * Users never import it: they get `Pool` and `Process` from their runtime's adapter package,
 * bound to that runtime.
 *
 * @module @multiproc/core/adapter
 */
export type { Adapter, SpawnOptions, TransferItem, WorkerExit, WorkerHandle, WorkerKind } from "./adapter.ts";
export { type BoundClasses, type BoundPool, type BoundProcess, bindAdapter } from "./bind-adapter.ts";
export { moveTransferred } from "./detach.ts";
export { type Admission, type Engine, type EngineFactory, refuseCall } from "./engine.ts";
export { entryBeside } from "./entry-url.ts";
export { serializeError } from "./errors.ts";
export { encodeFrame, type FrameCodec, FrameReader } from "./frames.ts";
export { inProcessAdapter } from "./in-process-adapter.ts";
export { moduleUrl } from "./module-url.ts";
export { checkCallOptions, checkTaskName } from "./options.ts";
export { Pool } from "./pool.ts";
export { PoolEngine } from "./pool-engine.ts";
export { Process } from "./process.ts";
export {
  type Call,
  type CallError,
  type CallResult,
  type Chunk,
  type FromWorker,
  PROTOCOL_VERSION,
  type ToWorker,
  type WireChunk,
} from "./protocol.ts";
export { RingQueue } from "./ring-queue.ts";
export { FifoScheduler, type SchedulingPolicy, type WorkerState, type WorkerView } from "./scheduler.ts";
export { Task, type TaskInit, type TaskState } from "./task.ts";
