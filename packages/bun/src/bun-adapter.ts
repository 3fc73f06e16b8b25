// The Bun adapter: kind "thread" on Bun's Web Workers, kind "process" on Bun.spawn with IPC.
import { availableParallelism } from "node:os";
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

/** The Bun adapter: kind "thread" on Bun's Web Workers, kind "process" on `Bun.spawn` with IPC. */
export const bunAdapter: Adapter = {
  name: "bun",
  kinds: ["thread", "process"],
  capabilities: {
    thread: {
      ...THREAD_CAPABILITIES,
      memoryLimit:
        "Bun's Web Workers share their process's heap, which grows until the kernel ends the whole program",
    },
    process: {
      ...FULL_CAPABILITIES,
      undeliveredSends:
        "Bun's IPC send() to a child that died a moment ago succeeds, and says nothing of it later: a call sent in that window fails with the dead worker (a send on a channel known closed still comes back)",
    },
  },
  spawn({ kind, name, maxMemory }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker(maxMemory) : new ThreadWorker(name);
  },
  availableParallelism,
  resolveModule: moduleUrl,
};
