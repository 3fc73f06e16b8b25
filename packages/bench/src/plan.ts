// The cells of a run: per runtime, `main` once, then each of map, imap and process for every kind
// and worker count asked. The order here is the order of each round.
import { pathToFileURL } from "node:url";
import type { ChildSpec } from "./child/protocol.ts";
import type { PlannedCell } from "./measure.ts";
import type { BenchOptions } from "./options.ts";
import type { BenchKind, BenchMode } from "./schema.ts";
import { childScript, specFor, type UsedRuntime } from "./setup.ts";
import type { WorkItems } from "./work-items.ts";

export function planJsCells(
  runtimes: UsedRuntime[],
  options: BenchOptions,
  modulePath: string,
  items: WorkItems,
  callsFile: string,
): PlannedCell[] {
  const plan: PlannedCell[] = [];
  for (const runtime of runtimes) {
    const add = (mode: BenchMode, kind: BenchKind | null, workers: number | null) => {
      const base: Omit<ChildSpec, "adapter" | "tsx"> = {
        op: "run",
        mode,
        kind,
        workers,
        module: pathToFileURL(modulePath).href,
        task: options.task,
        callsFile,
        single: items.single,
      };
      plan.push({
        cell: {
          id: [runtime.id, mode, kind, workers].filter((x) => x !== null).join("/"),
          runtime: runtime.id,
          runtimeLabel: runtime.label,
          runtimeVersion: runtime.version,
          mode,
          kind,
          workers,
          items: items.calls.length,
          runsMs: [],
          peaks: [],
          stats: null,
        },
        runtime,
        script: childScript,
        spec: specFor(runtime, base),
      });
    };
    if (options.modes.includes("main")) add("main", null, null);
    for (const kind of options.kinds) {
      for (const mode of options.modes) {
        if (mode === "main") continue;
        for (const workers of options.workers) add(mode, kind, workers);
      }
    }
  }
  return plan;
}
