// The run's results as JSON, what the report is written from: every run of every row, each row's
// medians over the rounds, its ratios to its floor and (for map) to Python, the targets judged and
// the sources' own sections, all from the same run. The figures are computed in summarize.ts.
import type { Measured, Metric } from "./measured.ts";
import type { BenchRow, JsRuntime } from "./rows/row.ts";

export type Figures = Partial<Record<Metric, number>>;

export interface RowResult extends Omit<BenchRow, "module"> {
  module?: string;
  version?: string;
  /** Per round, the runs of that round (more than one where runsPerRound > 1). */
  rounds: Measured[][];
  errors: string[];
  /** Per metric: the median over rounds of each round's best run. */
  median: Figures;
  /** Per metric: how far the rounds spread, (max − min) ÷ median: how noisy the run was. */
  spread: Figures;
  /** Per metric: this row ÷ its floor (rates: above 1 is faster; times: below 1 is faster). */
  vsFloor: Figures;
  /** map rates ÷ Python's, above 1 is faster than Python. */
  vsPython: Pick<Figures, "mapNumbersPerSec" | "mapObjectsPerSec">;
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  /** 1-minute load average when the run started and when it ended: how busy the machine was. */
  loadStart: number;
  loadEnd: number;
}

export interface BenchResults {
  schema: 1;
  date: string;
  durationSec: number;
  quick: boolean;
  settings: {
    rounds: number;
    tasks: number;
    trips: number;
    mapItems: number;
    repeats: number;
    workers: 2;
    /** Set when only part was measured (`--only start`: the Process start alone). */
    only?: "start";
  };
  machine: Machine;
  versions: Record<string, string | null>;
  rows: RowResult[];
  targets: TargetResult[];
  /** The sections of row sources that report on their own (BullMQ across hosts). */
  sections?: SourceSection[];
}

/** A target of issue #13, judged on a ratio measured in this run (report/targets.ts). */
export interface TargetResult {
  /** Stable across runs: "round-trip/node". docs/benchmarks.md keys its "What limits it" notes by it. */
  id: string;
  target: string;
  runtime: JsRuntime;
  /** The ratio measured, or null where this run did not measure it. */
  measured: number | null;
  /** The bound, as printed: "≤ 1.20×". */
  bound: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

/** A target of a source's section, judged on an absolute figure (not a ratio to a floor). */
export interface SectionCheck {
  id: string;
  target: string;
  /** The figure measured, in `unit`, or null where this run did not measure it. */
  measured: number | null;
  unit: string;
  /** The bound, as printed: "≥ 100,000 items/s", or "reported". */
  bound: string;
  /** null: not measured, or nothing to judge. */
  pass: boolean | null;
}

/** A source's section: written to the JSON, to stdout and as "## title" in docs/benchmarks.md. */
export interface SourceSection {
  title: string;
  /** The section's Markdown body (its table and how it was measured), without the heading. */
  markdown: string;
  checks: SectionCheck[];
}
