// What the demo runs: one cell per experiment × runtime × kind × API (× variant). Each cell knows
// how to start its program; the driver runs the cells in interleaved rounds.
import { fileURLToPath } from "node:url";

const program = (name) => fileURLToPath(new URL(`./programs/${name}.mjs`, import.meta.url));
const python = fileURLToPath(new URL("./python/reference.py", import.meta.url));

export const experiments = ["article", "creation", "memory", "io-bound"];

/**
 * @param {object} o
 * @param {{ id: string, label: string, version: string, command: (script: string, args: string[]) => [string, string[]] }[]} o.runtimes
 * @param {string[]} o.kinds
 * @param {string[]} o.experiments
 */
export function buildCells({ runtimes, kinds, experiments: chosen, dir, sizes }) {
  const cells = [];
  for (const runtime of runtimes) {
    const isPython = runtime.id === "python";
    // Python's multiprocessing has processes only.
    for (const kind of isPython ? ["process"] : kinds) {
      const add = (experiment, api, script, options, extra = {}) => {
        if (!chosen.includes(experiment)) return;
        const json = JSON.stringify({ ...options, api, kind, dir });
        const [command, args] = isPython
          ? runtime.command(python, [script, json])
          : runtime.command(program(script), [json]);
        cells.push({
          experiment,
          runtime: runtime.label,
          runtimeId: runtime.id,
          runtimeVersion: runtime.version,
          api,
          kind,
          command,
          args,
          sampleRss: experiment === "memory",
          tasks: options.tasks ?? 2,
          ...extra,
        });
      };
      add("article", "Process", "article-process", { tasks: 2 });
      add("article", "Pool", "article-pool", { tasks: 2 });
      add("creation", "Process", "creation", { tasks: 1, workers: 2 });
      add("creation", "Pool", "creation", { tasks: 1, workers: 2 });
      const memory = { tasks: sizes.memoryTasks, workers: 2, mib: sizes.memoryMiB, holdMs: 150 };
      add("memory", "Process", "memory", memory);
      add("memory", "Pool", "memory", memory, { workers: 2 });
      const io = { tasks: sizes.ioTasks, workers: 2, waitMs: 20 };
      add("io-bound", "Process", "io-bound", { ...io, concurrency: 1 }, { variant: "one Process per task" });
      add(
        "io-bound",
        "Pool",
        "io-bound",
        { ...io, concurrency: 1 },
        { variant: "concurrency 1", concurrency: 1 },
      );
      // Python's Pool has no per-worker concurrency: only JS runtimes get this variant.
      if (!isPython) {
        add(
          "io-bound",
          "Pool",
          "io-bound",
          { ...io, concurrency: 8 },
          { variant: "concurrency 8", concurrency: 8 },
        );
      }
    }
  }
  return cells;
}
