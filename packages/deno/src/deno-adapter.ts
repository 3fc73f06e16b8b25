// The Deno adapter: kind "thread" on Web Workers, kind "process" on `deno run` subprocesses.
import { type Adapter, moduleUrl, type SpawnOptions, type WorkerHandle } from "@multiproc/core/adapter";
import { ProcessWorker } from "./process-worker.ts";
import { ThreadWorker } from "./thread-worker.ts";

/** The Deno adapter: kind "thread" on Web Workers, kind "process" on `deno run` subprocesses. */
export const denoAdapter: Adapter = {
  name: "deno",
  kinds: ["thread", "process"],
  spawn({ kind, name }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker() : new ThreadWorker(name);
  },
  availableParallelism: () => navigator.hardwareConcurrency,
  resolveModule: moduleUrl,
};
