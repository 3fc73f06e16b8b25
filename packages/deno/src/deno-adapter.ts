// The Deno adapter: kind "thread" on Web Workers, kind "process" on `deno run` subprocesses.
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

/** The Deno adapter: kind "thread" on Web Workers, kind "process" on `deno run` subprocesses. */
export const denoAdapter: Adapter = {
  name: "deno",
  kinds: ["thread", "process"],
  capabilities: {
    thread: {
      ...THREAD_CAPABILITIES,
      hardTimeout:
        'Deno cannot stop a Web Worker in a synchronous loop (deno#35657): it burns on and keeps the program alive; use kind "process" for tasks that need hard timeouts',
      memoryLimit:
        "Deno's Web Workers share their process's heap, and one out of memory ends the whole program (V8's fatal error)",
    },
    process: FULL_CAPABILITIES,
  },
  spawn({ kind, name, maxMemory }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker(maxMemory) : new ThreadWorker(name);
  },
  availableParallelism: () => navigator.hardwareConcurrency,
  resolveModule: moduleUrl,
};
