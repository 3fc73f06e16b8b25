// What the demo measures, as workloads of @multiproc/bench's engine: the article's programs and
// each claim's experiment are a task of programs/tasks.ts, its calls, and the settings compared
// (one Process per item against a Pool). The engine runs every one on every runtime and kind.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchSetting, BenchWorkload } from "@multiproc/bench";

export const experiments = ["article", "creation", "memory", "io-bound"] as const;
export type Experiment = (typeof experiments)[number];

/** The two ways to run tasks that the article compares. */
export type Api = "Process" | "Pool";
/** Worker threads or worker processes (Python has processes only). */
export type Kind = "thread" | "process";

/** Task counts and sizes of the long experiments (command-line options). */
export interface Sizes {
  memoryTasks: number;
  memoryMiB: number;
  ioTasks: number;
}

/** How long each memory task holds its memory, and each I/O task waits. */
export const HOLD_MS = 150;
export const WAIT_MS = 20;
/** The Pool of the claims' experiments. */
export const POOL_WORKERS = 2;

// Every runtime runs the built JavaScript (Node 20 cannot strip types): the .js twin of tasks.ts.
export const tasksModule = fileURLToPath(new URL("./programs/tasks.js", import.meta.url));

/** A setting, and which side of the article's comparison it is. */
export type DemoSetting = BenchSetting & { name: string; api: Api; variant?: string };

/** A workload and the settings it compares, per experiment. */
export type DemoWorkload = BenchWorkload & { name: Experiment; settings: DemoSetting[] };

export function demoWorkloads(options: {
  experiments: readonly Experiment[];
  kinds: readonly Kind[];
  sizes: Sizes;
  dir: string;
  /** Rounds of the article's programs and of claim 2 (short), and of claims 3 and 4 (long). */
  repetitions: { short: number; long: number };
}): DemoWorkload[] {
  const { kinds, sizes, dir } = options;
  const both = (settings: Omit<DemoSetting, "kind">[]): DemoSetting[] =>
    kinds.flatMap((kind) => settings.map((s) => ({ ...s, kind, name: `${s.name}/${kind}` })));
  const processes = (n: number) => ({
    name: "Process",
    api: "Process" as const,
    mode: "process" as const,
    workers: n,
  });
  const pool = (workers: number, extra: Partial<DemoSetting> = {}) => ({
    name: "Pool",
    api: "Pool" as const,
    mode: "map" as const,
    workers,
    ...extra,
  });
  const all: DemoWorkload[] = [
    {
      // The article's programs: two Processes started together; Pool() (one worker per CPU) and two calls.
      name: "article",
      module: tasksModule,
      task: "test",
      calls: [[`${dir}/sample1.txt`], [`${dir}/sample2.txt`]],
      settings: both([processes(2), pool(availableParallelism())]),
      repetitions: options.repetitions.short,
    },
    {
      // Claim 2: one task, from nothing to its result.
      name: "creation",
      module: tasksModule,
      task: "test",
      calls: [[`${dir}/once.txt`]],
      settings: both([processes(1), pool(POOL_WORKERS)]),
      repetitions: options.repetitions.short,
    },
    {
      // Claim 3: N memory-holding tasks, all N Processes alive at once, or a Pool of 2.
      name: "memory",
      module: tasksModule,
      task: "holdMemory",
      calls: Array.from({ length: sizes.memoryTasks }, () => [sizes.memoryMiB, HOLD_MS]),
      settings: both([processes(sizes.memoryTasks), pool(POOL_WORKERS, { chunksize: 1 })]),
      repetitions: options.repetitions.long,
    },
    {
      // Claim 4: N tasks that wait on I/O, one Process each, or a Pool of 2 with 1 or 8 in flight per worker.
      name: "io-bound",
      module: tasksModule,
      task: "ioTask",
      calls: Array.from({ length: sizes.ioTasks }, (_, i) => [`${dir}/io-${i}.txt`, WAIT_MS]),
      settings: both([
        { ...processes(sizes.ioTasks), variant: "one Process per task" },
        pool(POOL_WORKERS, { name: "Pool-c1", chunksize: 1, concurrency: 1, variant: "concurrency 1" }),
        pool(POOL_WORKERS, { name: "Pool-c8", chunksize: 1, concurrency: 8, variant: "concurrency 8" }),
      ]),
      repetitions: options.repetitions.long,
    },
  ];
  return all.filter((w) => options.experiments.includes(w.name));
}
