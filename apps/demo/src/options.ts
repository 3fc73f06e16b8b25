// The demo's command line. A bad value throws with the usage; --help returns it.
import { parseArgs } from "node:util";
import { type RuntimeId, runtimeIds } from "./runtimes.ts";
import { type Experiment, experiments, type Kind, type Sizes } from "./workloads.ts";

const kinds = ["thread", "process"] as const;

const usage = `usage: pnpm demo [options]
  --runtimes LIST     ${runtimeIds.join(",")} (default: node20,deno,bun,python)
  --kinds LIST        thread,process (default: both)
  --experiments LIST  ${experiments.join(",")} (default: all)
  --repetitions N     runs of each article and creation cell, interleaved, each in a fresh
                      child process (default 3)
  --experiment-repetitions N
                      runs of each memory and I/O-bound cell (default 1)
  --memory-tasks N    tasks in the memory experiment (default 8)
  --memory-mib N      MiB each of those tasks holds (default 32)
  --io-tasks N        tasks in the I/O-bound experiment (default 32)
  --engine LIST       local,bullmq (default local); bullmq adds the article's Pool over two
                      @multiproc/bullmq agents, starting redis-server and the agents itself
  --json FILE         write the measured rows and the claims matrix as JSON
  --html FILE         write a self-contained HTML report with charts
  --help`;

export interface DemoOptions {
  runtimes: RuntimeId[];
  kinds: Kind[];
  experiments: Experiment[];
  repetitions: number;
  experimentRepetitions: number;
  sizes: Sizes;
  json: string | undefined;
  html: string | undefined;
  /** "bullmq" adds the article's Pool run by two BullMQ agents. */
  engines: Engine[];
}

export const engines = ["local", "bullmq"] as const;
export type Engine = (typeof engines)[number];

/** The options, or the usage text when --help asks for it; a bad value throws, with the usage. */
export function parseOptions(argv: string[]): DemoOptions | { help: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      runtimes: { type: "string", default: "node20,deno,bun,python" },
      kinds: { type: "string", default: "thread,process" },
      experiments: { type: "string", default: experiments.join(",") },
      repetitions: { type: "string", default: "3" },
      "experiment-repetitions": { type: "string", default: "1" },
      "memory-tasks": { type: "string", default: "8" },
      "memory-mib": { type: "string", default: "32" },
      "io-tasks": { type: "string", default: "32" },
      engine: { type: "string", default: "local" },
      json: { type: "string" },
      html: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { help: usage };
  const list = <T extends string>(
    name: "runtimes" | "kinds" | "experiments" | "engine",
    allowed: readonly T[],
  ): T[] => {
    const items = (values[name] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const isAllowed = (i: string): i is T => (allowed as readonly string[]).includes(i);
    const bad = items.filter((i) => !isAllowed(i));
    if (bad.length || items.length === 0)
      throw new Error(`--${name}: ${bad.join(", ") || "empty"} not one of ${allowed.join(", ")}\n${usage}`);
    return items.filter(isAllowed);
  };
  const count = (
    name: "repetitions" | "experiment-repetitions" | "memory-tasks" | "memory-mib" | "io-tasks",
  ) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--${name} must be a positive integer, not "${values[name]}"\n${usage}`);
    return n;
  };
  return {
    runtimes: list("runtimes", runtimeIds),
    kinds: list("kinds", kinds),
    experiments: list("experiments", experiments),
    repetitions: count("repetitions"),
    experimentRepetitions: count("experiment-repetitions"),
    sizes: { memoryTasks: count("memory-tasks"), memoryMiB: count("memory-mib"), ioTasks: count("io-tasks") },
    json: values.json,
    html: values.html,
    engines: list("engine", engines),
  };
}
