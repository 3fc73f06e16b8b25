// The Bun adapter: kind "thread" on Bun's Web Workers, kind "process" on Bun.spawn with IPC.
import { availableParallelism } from "node:os";
import { type Adapter, moduleUrl, type SpawnOptions, type WorkerHandle } from "@multiproc/core/adapter";
import { ProcessWorker } from "./process-worker.ts";
import { ThreadWorker } from "./thread-worker.ts";

/** The Bun adapter: kind "thread" on Bun's Web Workers, kind "process" on `Bun.spawn` with IPC. */
export const bunAdapter: Adapter = {
  name: "bun",
  kinds: ["thread", "process"],
  spawn({ kind, name }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker() : new ThreadWorker(name);
  },
  availableParallelism,
  resolveModule: moduleUrl,
};
