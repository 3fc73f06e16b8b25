// The JSON report multiproc-bench writes with --json: its shape, documented field by field. The
// report's `schema` names this version; a change that breaks a reader gets a new one.
import type { PoolStats } from "@multiproc/core";

/** The value of {@link BenchReport.schema} for this shape. */
export const BENCH_SCHEMA = "multiproc-bench/1";

/** A runtime a cell runs on: the three JavaScript runtimes, and Python for `--python`. */
export type BenchRuntimeId = "node" | "deno" | "bun" | "python";

/**
 * How a cell runs the items: `main` calls the task in a plain loop on the main thread, no worker;
 * `map` is one `pool.map` (or `starmap`) of every item; `imap` iterates `pool.imap`; `process`
 * starts one `Process` per item, at most `workers` alive at once.
 */
export type BenchMode = "main" | "map" | "imap" | "process";

/** Worker threads or worker processes (Python: processes only). */
export type BenchKind = "thread" | "process";

/** What `multiproc-bench --json FILE` writes. */
export interface BenchReport {
  /** Always {@link BENCH_SCHEMA} for this shape. */
  schema: typeof BENCH_SCHEMA;
  /** ISO time the run began. */
  startedAt: string;
  /** Seconds the whole run took, checks and warm-up included. */
  seconds: number;
  /** The machine it ran on. */
  machine: BenchMachine;
  /** What was asked, with the defaults filled in. */
  settings: BenchSettings;
  /** Every runtime asked for, used or not, and why not. */
  runtimes: BenchRuntime[];
  /** One per runtime × mode × kind × workers that ran. */
  cells: BenchCell[];
  /**
   * The run's noise: the median over the cells of their {@link BenchCell.spread}. Null with fewer
   * than two rounds.
   */
  noise: number | null;
  /** The comparisons, in words and in figures. */
  verdicts: BenchVerdict[];
}

/** The machine a report was measured on. */
export interface BenchMachine {
  /** `os.platform()`: "linux", "darwin", … */
  platform: string;
  /** `os.arch()`: "x64", "arm64", … */
  arch: string;
  /** Logical CPUs the OS reports. */
  cpus: number;
  /** The first CPU's model name. */
  cpuModel: string;
  /** Total memory. */
  memoryMiB: number;
}

/** The settings of a run. */
export interface BenchSettings {
  /** The task module, as given. */
  module: string;
  /** The export benchmarked. */
  task: string;
  /** Where the items came from: `--input` (a JSON array), `--range N` or `--args` (one call). */
  source: "input" | "range" | "args";
  /** Calls per run: every cell runs all of them. */
  items: number;
  /** `--kinds`. */
  kinds: BenchKind[];
  /** `--workers`: pool sizes, and Processes alive at once. */
  workers: number[];
  /** `--modes`. */
  modes: BenchMode[];
  /** Timed rounds; each cell runs once per round, in a fresh child process. */
  repetitions: number;
  /** Untimed rounds before them. */
  warmup: number;
  /** `--python file.py:function`, when given. */
  python: string | null;
}

/** A runtime asked for, and whether it ran. */
export interface BenchRuntime {
  /** Which runtime. */
  id: BenchRuntimeId;
  /** "Node", "Deno", "Bun", "Python". */
  label: string;
  /** `used`: it has cells; `missing`: no binary or no adapter installed (skipped). */
  status: "used" | "missing";
  /** What `--version` said (x.y.z); null when not found. */
  version: string | null;
  /** The executable run (the runtime's own binary, not a wrapper script). */
  binary: string | null;
  /** The adapter imported from the user's project (`@multiproc/node`, …), null for Python. */
  adapter: string | null;
  /** Why it is missing. */
  reason?: string;
}

/** Timings of a cell's timed rounds, in ms. */
export interface BenchTimes {
  /** The middle round (the mean of the two middle ones for an even count). */
  median: number;
  /** The fastest round. */
  min: number;
  /** The slowest round. */
  max: number;
}

/** One runtime × mode × kind × workers, measured over the rounds. */
export interface BenchCell {
  /** A stable name: `node/map/thread/2`, `bun/main`, `python/process/process/4`. */
  id: string;
  /** The runtime it ran on. */
  runtime: BenchRuntimeId;
  /** That runtime's version (x.y.z). */
  runtimeVersion: string;
  /** How it ran the items. */
  mode: BenchMode;
  /** Null for `main`. */
  kind: BenchKind | null;
  /** Workers of the pool, or Processes alive at once; null for `main`. */
  workers: number | null;
  /** Calls in each run. */
  items: number;
  /**
   * Each timed round's wall time in ms, in round order: for `main`, the loop; for `map` and `imap`,
   * from `new Pool` to the last result (worker start-up included, shutdown not); for `process`,
   * from the first `start()` to the last `join()`.
   */
  runsMs: number[];
  /** Median, min and max of {@link BenchCell.runsMs}; null when no round succeeded. */
  ms: BenchTimes | null;
  /** Half the min–max range over the median (0.05 = ±5%); null with fewer than two rounds. */
  spread: number | null;
  /** Items over the median time. */
  itemsPerSecond: number | null;
  /** The same runtime's `main` median over this cell's: above 1 is faster than the plain loop. */
  speedUp: number | null;
  /** Peak resident memory of the child's whole process tree (workers included), in MiB, over the rounds. */
  peakRssMiB: {
    /** The median round's peak. */
    median: number;
    /** The highest round's peak. */
    max: number;
  } | null;
  /** `pool.stats()` after the last timed round's results (`map` and `imap` on JavaScript runtimes). */
  stats: PoolStats | null;
  /** Set when a timed round failed: what went wrong. */
  error?: string;
}

/** One comparison between two cells. */
export interface BenchVerdict {
  /** What is compared: runtimes (same kind), kinds (same runtime), Process vs Pool, the pool vs `main`, worker counts, Python. */
  topic: "runtimes" | "kinds" | "process-vs-pool" | "main" | "workers" | "python";
  /** The sentence printed: "Bun threads 1.8× Node threads on this task". */
  text: string;
  /** The cell with more items per second (either one when tied). */
  faster: string;
  /** The other cell. */
  slower: string;
  /** The slower cell's median time over the faster one's (≥ 1). */
  ratio: number;
  /** True when the ratio is within the noise: the larger of the two cells' spreads, at least 3%. */
  tie: boolean;
  /** The noise the ratio was held against. */
  noise: number;
}
