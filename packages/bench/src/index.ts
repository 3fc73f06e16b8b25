/**
 * `@multiproc/bench`: the `multiproc-bench` command, which benchmarks a task module of yours on
 * Node, Deno and Bun, threads and processes, Pool and Process (see its README). This entry exports
 * the shape of the JSON report it writes with `--json`, for programs that read one.
 *
 * @module @multiproc/bench
 */
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
