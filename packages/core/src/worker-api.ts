/**
 * The worker's side of the wire, kept apart so that a worker loads only this (it starts faster):
 * core's task server, the entry for process workers that speak Node-style IPC, and what a worker
 * entry of another engine needs (the error shape that crosses the wire, chunks run as core runs them).
 *
 * @module @multiproc/core/worker
 */

export { encodeFrame, type FrameCodec, FrameReader } from "./wire/frames.ts";
export { MailboxWriter } from "./wire/mailbox.ts";
export { LASTING_IMPORT_FAILURE } from "./wire/missing-module.ts";
export {
  type Call,
  type CallError,
  type CallResult,
  type Chunk,
  type ClosedNotice,
  type FromWorker,
  HELLO,
  type InitMessage,
  type NoticeError,
  type ToWorker,
  type WireChunk,
  type WorkerNotice,
} from "./wire/protocol.ts";
export { type SerializedError, serializeError } from "./wire/serialized-error.ts";
export { type CallInbox, type OfferedMailboxes, offerMailboxes } from "./worker/call-inbox.ts";
export { type CallContext, callContextOf } from "./worker/call-progress.ts";
export { type IpcProcess, type IpcServeOptions, serveOverIpc } from "./worker/ipc-entry.ts";
export {
  answerCall,
  type InitFailed,
  isInitFailed,
  type LoneCall,
  startTaskModule,
} from "./worker/lone-call.ts";
export { type FlushedServer, type FlushingTransport, serveFlushed } from "./worker/serve-flushed.ts";
export { type ServeOptions, serveTasks, type TaskServer, type WorkerChannel } from "./worker/task-server.ts";
export type { TaskModule } from "./worker/task-start-up.ts";
