/**
 * The adapter object: what core asks of a runtime. Users never import it (they get `Pool` and
 * `Process` from index.ts); the conformance suite, engines and benchmarks do, as `./adapter`.
 *
 * @module multiproc-adapter-template/adapter
 */
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

// Why maxMemory is refused: core says so up front, and the conformance suite skips its tests
// with this reason. (packages/node in the multiproc repository shows how to bound both kinds.)
const NO_MEMORY_LIMIT = "this adapter does not bound a worker's memory";

export const templateAdapter: Adapter = {
  // Shown in messages and in the conformance suite's test titles.
  name: "template",
  // The kinds it can start, the default first. A process-only adapter lists ["process"].
  kinds: ["thread", "process"],
  // What each kind can do: true, or the reason it cannot. Core and the conformance suite both
  // read this, so a missing capability is declared once, here, and its tests skip with the reason.
  capabilities: {
    // A thread has no signals of its own and never loses a message unseen (THREAD_CAPABILITIES).
    thread: { ...THREAD_CAPABILITIES, memoryLimit: NO_MEMORY_LIMIT },
    process: { ...FULL_CAPABILITIES, memoryLimit: NO_MEMORY_LIMIT },
  },
  spawn({ kind, name }: SpawnOptions): WorkerHandle {
    return kind === "process" ? new ProcessWorker(name) : new ThreadWorker(name);
  },
  availableParallelism,
  // A URL or an absolute path → the URL string workers import (moduleUrl is core's rule).
  resolveModule: moduleUrl,
};
