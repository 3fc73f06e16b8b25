// The browser adapter: kind "thread" on module Web Workers. A page has no processes, so that is
// the only kind; a Pool or Process asking for "process" is refused with the reason (kinds.ts).
import {
  type Adapter,
  type SpawnOptions,
  THREAD_CAPABILITIES,
  type WorkerHandle,
} from "@multiproc/core/adapter";
import { pageModuleUrl } from "./page-url.ts";
import { ThreadWorker } from "./thread-worker.ts";

/** Workers a pool gets where the browser does not say how many cores it has. */
const FALLBACK_PARALLELISM = 4;

/** The browser adapter: kind "thread" on module Web Workers. */
export const browserAdapter: Adapter = {
  name: "browser",
  kinds: ["thread"],
  capabilities: {
    thread: {
      ...THREAD_CAPABILITIES,
      signals: "a page has no processes and no signals: a Web Worker is a thread of the page's own process",
      memoryLimit:
        "a Web Worker shares the page's process, and browsers give no way to bound or measure one worker's heap",
    },
  },
  spawn({ name }: SpawnOptions): WorkerHandle {
    return new ThreadWorker(name);
  },
  availableParallelism: () => {
    const cores = globalThis.navigator?.hardwareConcurrency;
    return typeof cores === "number" && cores > 0 ? cores : FALLBACK_PARALLELISM;
  },
  resolveModule: pageModuleUrl,
};
