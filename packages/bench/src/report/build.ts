// The report as written to --json (see schema.ts) and printed.
import { arch, cpus, platform, totalmem } from "node:os";
import type { BenchOptions } from "../options.ts";
import { BENCH_SCHEMA, type BenchReport, type BenchRuntime } from "../schema.ts";
import { type MeasuredCell, runNoise, summarize } from "../summarize.ts";
import { judge } from "../verdicts.ts";
import type { WorkItems } from "../work-items.ts";

export interface ReportInput {
  options: BenchOptions;
  items: WorkItems;
  startedAt: Date;
  runtimes: BenchRuntime[];
  cells: MeasuredCell[];
}

export function buildReport({ options, items, startedAt, runtimes, cells }: ReportInput): BenchReport {
  const summarized = summarize(cells);
  return {
    schema: BENCH_SCHEMA,
    startedAt: startedAt.toISOString(),
    seconds: Number(((Date.now() - startedAt.getTime()) / 1000).toFixed(1)),
    machine: {
      platform: platform(),
      arch: arch(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryMiB: Math.round(totalmem() / 2 ** 20),
    },
    settings: {
      module: options.module,
      task: options.task,
      source: items.source,
      items: items.calls.length,
      kinds: options.kinds,
      workers: options.workers,
      modes: options.modes,
      repetitions: options.repetitions,
      warmup: options.warmup,
      python: options.python ?? null,
    },
    runtimes,
    cells: summarized,
    noise: runNoise(summarized),
    verdicts: judge(summarized),
  };
}
