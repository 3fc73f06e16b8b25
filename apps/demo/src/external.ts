// The cells the engine measures as external programs, beside the workloads: Python's own
// multiprocessing running the same experiments (python/reference.py), and, with --engine bullmq,
// the article's Pool program over @multiproc/bullmq agents. Each prints the engine's result line.
// (When multiproc-bench's --python lands, the Python cells can be handed to it.)
import { fileURLToPath } from "node:url";
import type { BenchExternalCell } from "@multiproc/bench";
import type { BullmqSetup } from "./bullmq/setup.ts";
import type { DemoRuntime } from "./runtimes.ts";
import { type DemoSetting, type DemoWorkload, HOLD_MS, type Kind, WAIT_MS } from "./workloads.ts";

// Python runs its source, which the build leaves in src/; the bullmq program is built beside this.
const reference = fileURLToPath(new URL("../src/python/reference.py", import.meta.url));
const bullmqProgram = fileURLToPath(new URL("./programs/article-pool-bullmq.js", import.meta.url));

/** An external cell, with its demo setting (which side of the comparison it is). */
export type DemoExternalCell = BenchExternalCell & { setting: DemoSetting };

/**
 * Python's cells: every workload's settings, once, on processes (Python's multiprocessing has no
 * threads, whatever --kinds asks), but for a Pool's concurrency (Python has none).
 */
export function pythonCells(python: DemoRuntime, workloads: DemoWorkload[], dir: string): DemoExternalCell[] {
  const cells: DemoExternalCell[] = [];
  for (const w of workloads) {
    const seen = new Set<string>();
    for (const jsSetting of w.settings) {
      const base = jsSetting.name.split("/")[0] ?? jsSetting.name;
      if (seen.has(base) || (jsSetting.concurrency ?? 1) > 1) continue;
      seen.add(base);
      const setting: DemoSetting = { ...jsSetting, kind: "process", name: `${base}/process` };
      const program =
        w.name === "article" ? (setting.api === "Process" ? "article-process" : "article-pool") : w.name;
      const options = {
        api: setting.api,
        dir,
        tasks: w.calls.length,
        workers: setting.workers,
        mib: w.calls[0]?.[0],
        holdMs: HOLD_MS,
        waitMs: WAIT_MS,
      };
      const [binary, argv] = python.command(reference, [program, JSON.stringify(options)]);
      cells.push({
        workload: w.name,
        runtime: "python",
        binary,
        version: python.version,
        argv,
        setting,
        items: w.calls.length,
        ...(w.repetitions ? { repetitions: w.repetitions } : {}),
      });
    }
  }
  return cells;
}

/** The article's Pool program through BullMQ agents, on each JavaScript runtime and kind. */
export function bullmqCells(
  runtimes: DemoRuntime[],
  kinds: readonly Kind[],
  bullmq: BullmqSetup,
  dir: string,
  repetitions: number,
): DemoExternalCell[] {
  const cells: DemoExternalCell[] = [];
  for (const runtime of runtimes) {
    if (runtime.id === "python") continue;
    for (const kind of kinds) {
      const queue = bullmq.queues[kind];
      if (!queue) continue;
      const options = { dir, connection: bullmq.connection, queue, agents: bullmq.agents };
      const [binary, argv] = runtime.command(bullmqProgram, [JSON.stringify(options)]);
      cells.push({
        workload: "article",
        runtime: runtime.benchId,
        key: runtime.id,
        binary,
        version: runtime.version,
        argv,
        setting: {
          name: `Pool-bullmq/${kind}`,
          api: "Pool",
          mode: "map",
          kind,
          workers: bullmq.agents,
          variant: `bullmq, ${bullmq.agents} agents`,
        },
        items: 2,
        repetitions,
      });
    }
  }
  return cells;
}
