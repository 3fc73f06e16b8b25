// What the demo runs: one cell per experiment × runtime × kind × API (× variant). Each cell knows
// how to start its program; the driver runs the cells in interleaved rounds.
import { fileURLToPath } from "node:url";
import type { Api, Kind, ProgramParams } from "./programs/program-options.ts";
import type { DemoRuntime } from "./runtimes.ts";

// Resolved from the built file, dist/matrix.js: the programs are built beside it, while Python
// runs its source, which the build leaves in src/.
const program = (name: string) => fileURLToPath(new URL(`./programs/${name}.js`, import.meta.url));
const python = fileURLToPath(new URL("../src/python/reference.py", import.meta.url));

export const experiments = ["article", "creation", "memory", "io-bound"] as const;
export type Experiment = (typeof experiments)[number];

/** Task counts and sizes of the long experiments (command-line options). */
export interface Sizes {
  memoryTasks: number;
  memoryMiB: number;
  ioTasks: number;
}

/** One program to run on one runtime, as often as its experiment asks. */
export interface Cell {
  experiment: Experiment;
  runtime: string;
  runtimeId: string;
  runtimeVersion: string;
  api: Api;
  kind: Kind;
  command: string;
  args: string[];
  sampleRss: boolean;
  tasks: number;
  variant?: string;
  concurrency?: number;
  workers?: number;
}

type CellExtra = Pick<Cell, "variant" | "concurrency" | "workers">;

/** Where the bullmq cells send their calls (`--engine bullmq`). */
export interface BullmqTarget {
  connection: string;
  queues: Partial<Record<Kind, string>>;
  agents: number;
}

export function buildCells({
  runtimes,
  kinds,
  experiments: chosen,
  dir,
  sizes,
  bullmq,
}: {
  runtimes: DemoRuntime[];
  kinds: Kind[];
  experiments: Experiment[];
  dir: string;
  sizes: Sizes;
  bullmq?: BullmqTarget | undefined;
}): Cell[] {
  const cells: Cell[] = [];
  for (const runtime of runtimes) {
    const isPython = runtime.id === "python";
    // Python's multiprocessing has processes only.
    for (const kind of isPython ? (["process"] as const) : kinds) {
      const add = (
        experiment: Experiment,
        api: Api,
        script: string,
        options: ProgramParams,
        extra: CellExtra = {},
      ) => {
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
          tasks: options.tasks,
          ...extra,
        });
      };
      add("article", "Process", "article-process", { tasks: 2 });
      add("article", "Pool", "article-pool", { tasks: 2 });
      const queue = bullmq?.queues[kind];
      if (bullmq && queue && !isPython) {
        const target = { tasks: 2, connection: bullmq.connection, queue, agents: bullmq.agents };
        add("article", "Pool", "article-pool-bullmq", target as ProgramParams, {
          variant: `bullmq, ${bullmq.agents} agents`,
        });
      }
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
