// The programmatic form of a run, for programs that build on the engine (the demo does): several
// workloads (task module + task + calls), each with its own settings, measured together in the
// same interleaved rounds; and external cells, programs of any language that print the bench's
// result line (Python's multiprocessing, a remote engine), measured the same way beside them.
import type { BenchCell, BenchKind, BenchMode, BenchRuntime, BenchRuntimeId } from "./schema.ts";

/** A JavaScript runtime to measure on. */
export interface BenchRuntimeChoice {
  /** Which runtime; its adapter (`@multiproc/<id>`) must be installed where the modules are. */
  id: "node" | "deno" | "bun";
  /** Its binary; else found as the command finds it (Node: the Node running this). */
  path?: string;
  /** Names this runtime in cell ids when two share an id (two Nodes); default: `id`. */
  key?: string;
}

/** One way to run a workload: a mode, a kind, a worker count and the pool's options. */
export interface BenchSetting {
  /** How the calls run: see {@link BenchMode}. */
  mode: BenchMode;
  /** Null or absent for `main`. */
  kind?: BenchKind | null;
  /** Pool workers, or Processes alive at once; absent for `main`. */
  workers?: number | null;
  /** `map`/`imap`: the Pool's `concurrency` (tasks in flight per worker). */
  concurrency?: number;
  /** `map`: the `chunksize` of the call. */
  chunksize?: number;
  /** A short name for the cell id and progress line; default from the mode and workers. */
  name?: string;
}

/** A task of a module, the calls each run makes, and the settings to measure it in. */
export interface BenchWorkload {
  /** Names the workload in cell ids. */
  name: string;
  /** The task module's path. */
  module: string;
  /** The export to call. */
  task: string;
  /** One argument list per call. */
  calls: unknown[][];
  /** Which runtimes and kinds get which settings: every JavaScript runtime × setting. */
  settings: BenchSetting[];
  /** Timed rounds for this workload's cells when fewer than the run's. */
  repetitions?: number;
}

/**
 * A program measured beside the workloads: started as `binary ...argv`, it does its own timing
 * and prints one line `MULTIPROC-BENCH {"ok":true,"ms":…,"stats":null,"ownPeakKiB":null}`.
 */
export interface BenchExternalCell {
  /** The workload it stands beside (in cell ids and results; it need not be one of the plan's). */
  workload: string;
  /** The runtime it is, for the report (`python`, or the JavaScript runtime it runs on). */
  runtime: BenchRuntimeId;
  /** Names the runtime in the cell id; default `runtime`. */
  key?: string;
  /** The executable started. */
  binary: string;
  /** Its runtime's version (x.y.z), for the report. */
  version: string;
  /** Its arguments. */
  argv: string[];
  /** What it does, in the engine's terms: for ids and for comparing it with the cells. */
  setting: BenchSetting;
  /** Calls in each of its runs. */
  items: number;
  /** Timed rounds, when fewer than the run's. */
  repetitions?: number;
}

/** What {@link runBench} measures, and how. */
export interface BenchPlan {
  /** The JavaScript runtimes every workload runs on; a missing one is recorded and skipped. */
  runtimes: BenchRuntimeChoice[];
  /** Measured on every runtime in each of their settings. */
  workloads: BenchWorkload[];
  /** Programs measured beside them, in the same rounds. */
  external?: BenchExternalCell[];
  /** Timed rounds (each cell once per round, in a fresh child). */
  repetitions: number;
  /** Untimed rounds first; default 0. */
  warmup?: number;
  /** Per child run, ms; default 120000. */
  timeoutMs?: number;
  /** The children's working directory; default `process.cwd()`. */
  cwd?: string;
  /** Told after every run ("[ 3/40] node/article/process×2: 51.2 ms (12 s left)" style text). */
  onProgress?: (done: number, total: number, text: string) => void;
}

/** A measured cell, with what it was in the plan. */
export interface BenchRunCell extends BenchCell {
  /** The workload's name (or the external cell's). */
  workload: string;
  /** The runtime's key (see {@link BenchRuntimeChoice.key}). */
  key: string;
  /** The setting as the plan gave it. */
  setting: BenchSetting;
}

/** What {@link runBench} returns. */
export interface BenchRun {
  /** Every JavaScript runtime asked for, used or not, and why not. */
  runtimes: BenchRuntime[];
  /** Per workload, per runtime, per setting, then the external cells, in the plan's order. */
  cells: BenchRunCell[];
  /** The median of the cells' spreads; null with fewer than two rounds. */
  noise: number | null;
  /** Seconds the whole call took, checks included. */
  seconds: number;
}
