// @multiproc/core/worker: the worker side, kept apart so a worker loads only this (it starts
// faster): core's task server, and the entry for process workers that speak Node-style IPC.
export { type IpcProcess, type IpcServeOptions, serveOverIpc } from "./ipc-entry.ts";
export type { Call, Chunk, FromWorker, ToWorker } from "./protocol.ts";
export { type ServeOptions, serveTasks, type TaskServer, type WorkerChannel } from "./task-server.ts";
