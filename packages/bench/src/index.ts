/**
 * `@multiproc/bench`: the `multiproc-bench` command, which benchmarks a task module of yours on
 * Node, Deno and Bun, threads and processes, Pool and Process (see its README). This entry exports
 * the shape of the JSON report it writes with `--json`, for programs that read one, and
 * {@link runBench}, the same engine for programs that build on it (several workloads measured in
 * the same interleaved rounds, and external programs such as a Python version beside them).
 *
 * @module @multiproc/bench
 */

export type {
  BenchExternalCell,
  BenchPlan,
  BenchRun,
  BenchRunCell,
  BenchRuntimeChoice,
  BenchSetting,
  BenchWorkload,
} from "./bench-plan.ts";
export { RESULT_PREFIX } from "./child/protocol.ts";
export { runBench } from "./run-bench.ts";
export {
  BENCH_SCHEMA,
  type BenchCell,
  type BenchKind,
  type BenchMachine,
  type BenchMode,
  type BenchReport,
  type BenchRuntime,
  type BenchRuntimeId,
  type BenchSettings,
  type BenchTimes,
  type BenchVerdict,
} from "./schema.ts";
export { MIN_NOISE } from "./verdicts.ts";
