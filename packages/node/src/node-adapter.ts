// The Node adapter: kind "thread" on worker_threads, kind "process" on child_process.fork.
import { availableParallelism } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Adapter,
  FULL_CAPABILITIES,
  moduleUrl,
  type SpawnOptions,
  THREAD_CAPABILITIES,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { ProcessWorker } from "./process-worker.ts";
import { ThreadWorker } from "./thread-worker.ts";

/**
 * The Node adapter: kind "thread" on `worker_threads`, kind "process" on `child_process.fork`.
 * Module options may also be Windows paths.
 */
export const nodeAdapter: Adapter = {
  name: "node",
  kinds: ["thread", "process"],
  capabilities: {
    thread: THREAD_CAPABILITIES,
    process: FULL_CAPABILITIES,
  },
  spawn({ kind, name, maxMemory, init }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker(name, maxMemory) : new ThreadWorker(name, maxMemory, init);
  },
  availableParallelism,
  resolveModule(module: string | URL): string {
    // Windows paths (C:\…) look like URLs to the generic rule; make them file: URLs first.
    if (typeof module === "string" && isAbsolute(module)) return pathToFileURL(resolve(module)).href;
    return moduleUrl(module);
  },
};
