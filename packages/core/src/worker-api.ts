/**
 * The worker side, kept apart so that a worker loads only this (it starts faster): core's task
 * server, and the entry for process workers that speak Node-style IPC.
 *
 * @module @multiproc/core/worker
 */

export { encodeFrame, type FrameCodec, FrameReader } from "./frames.ts";
export { type IpcProcess, type IpcServeOptions, serveOverIpc } from "./ipc-entry.ts";
export type { Call, Chunk, FromWorker, ToWorker, WireChunk } from "./protocol.ts";
export { type FlushedServer, type FlushingTransport, serveFlushed } from "./serve-flushed.ts";
export { type ServeOptions, serveTasks, type TaskServer, type WorkerChannel } from "./task-server.ts";
