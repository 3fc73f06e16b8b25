/**
 * What an adapter or an engine is built from, on the parent's side of the wire: the `Adapter`
 * interface and its capabilities, `bindAdapter` (where a pool's options, its adapter and its
 * engine meet), the `Engine` interface and the engine kit every engine shares, core's own engine,
 * the runtime-free `Pool` and `Process`, the FIFO scheduler and the wire protocol. Users never
 * import it: they get `Pool` and `Process` from their runtime's adapter package.
 *
 * @module @multiproc/core/adapter
 */
export {
  type Adapter,
  FULL_CAPABILITIES,
  type KindCapabilities,
  type SpawnOptions,
  THREAD_CAPABILITIES,
  type TransferItem,
  type WorkerExit,
  type WorkerHandle,
  type WorkerKind,
} from "./parent/adapter.ts";
export {
  type BoundClasses,
  type BoundPool,
  type BoundProcess,
  bindAdapter,
  localEngine,
} from "./parent/bind-adapter.ts";
export { CallOutbox } from "./parent/call-outbox.ts";
export { exitFromClosed } from "./parent/closed-exit.ts";
export { type Admission, refuseCall } from "./parent/engine/call-admission.ts";
export { CallStats } from "./parent/engine/call-stats.ts";
export { nothingToUnwatch, type Unwatch, watchCall } from "./parent/engine/call-watch.ts";
export type {
  CallRequest,
  Engine,
  EngineFactory,
  EngineObserver,
  WorkerInfo,
} from "./parent/engine/engine.ts";
export { EngineKit, type KitHooks } from "./parent/engine/engine-kit.ts";
export { LocalEngine } from "./parent/engine/local-engine.ts";
export {
  FifoScheduler,
  type SchedulingPolicy,
  type WorkerState,
  type WorkerView,
} from "./parent/engine/scheduler.ts";
export { callError, initError } from "./parent/engine/slot-errors.ts";
export { Task, type TaskState } from "./parent/engine/task.ts";
export { unsendablePart } from "./parent/engine/unsendable.ts";
export { entryBeside } from "./parent/entry-url.ts";
export { type KeyList, nearestKey, refuseUnknownKeys } from "./parent/known-keys.ts";
export {
  type MemoryExceeded,
  type MemoryProbe,
  MemoryWatch,
  procMemoryProbe,
  residentFromProcStatus,
} from "./parent/memory-watch.ts";
export { moduleUrl } from "./parent/module-url.ts";
export {
  checkCallOptions,
  checkMaxMemory,
  checkTaskName,
  type EngineOptions,
  POOL_OPTION_KEYS,
  resolveEngineOptions,
  resolvePoolOptions,
} from "./parent/options.ts";
export { OrphanReaper, onceReaper, REAPER_NAME, REAPER_SCRIPT } from "./parent/orphan-reaper.ts";
export { Pool } from "./parent/pool.ts";
export { Process } from "./parent/process.ts";
export { RingQueue } from "./shared/ring-queue.ts";
export { VIEW_CLASSES } from "./shared/view-classes.ts";
export { findTalker } from "./talk/handoff.ts";
export { moveTransferred } from "./wire/detach.ts";
export { encodeFrame, type FrameCodec, FrameReader } from "./wire/frames.ts";
export { MailboxReader } from "./wire/mailbox.ts";
export type { IsExotic } from "./wire/plain-codec.ts";
export {
  type Call,
  type CallError,
  type CallResult,
  type Chunk,
  type ClosedNotice,
  type FromWorker,
  HELLO,
  type InitMessage,
  isNotice,
  type NoticeError,
  PROTOCOL_VERSION,
  type ToWorker,
  type WireChunk,
  type WorkerNotice,
} from "./wire/protocol.ts";
