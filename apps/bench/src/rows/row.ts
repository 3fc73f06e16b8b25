// A row of the bench's table, and where rows come from. Every row names a contender module that
// measure.js runs in the row's runtime (Python's row runs its own script instead). A module that
// wants to add rows (apps/bench/src/bullmq/, say) exports a RowSource and is listed in
// sources.ts: see README.md, "Adding rows".
import type { Sizes } from "../measure-run.ts";
import type { BenchResults } from "../results.ts";

/** The JavaScript runtimes the bench starts. */
export type JsRuntime = "node" | "deno" | "bun";
export const jsRuntimes: readonly JsRuntime[] = ["node", "deno", "bun"];

/** Every runtime a row can run on. */
export type RowRuntime = JsRuntime | "python";

/**
 * What a row is for: the raw floor of its runtime and kind (the other rows' ratios are to it),
 * multiproc itself (the targets are about these), another library, or the Python reference.
 */
export type Role = "floor" | "multiproc" | "other" | "reference";

export interface BenchRow {
  /** Unique and stable across runs: "node/thread/multiproc". */
  id: string;
  /** The contender's name in the table: "multiproc", "piscina", "raw postMessage". */
  label: string;
  runtime: RowRuntime;
  /** "thread", "process", or a source's own (its module's create() gets it). */
  kind: string;
  role: Role;
  /** The contender module (a built .js exporting create(), and startTwo() if it has one). */
  module?: URL;
  /** The id of the row its ratios are to; by default the floor of the same runtime and kind. */
  floor?: string;
  /** Runs per round, the better counted (Python: 2, as it varies from run to run). */
  runsPerRound?: number;
  /** Factors on the run's sizes for this row (BullMQ: a tenth of the burst, 5× the map items). */
  scale?: Partial<Record<keyof Sizes, number>>;
  /** The title of its source's own section: the row is shown there, not in the main table. */
  section?: string;
}

/** What the user chose to run. */
export interface Selection {
  runtimes: readonly RowRuntime[];
  kinds: readonly string[];
}

/** A provider of rows: the bench's own, or an extension's. */
export interface RowSource {
  name: string;
  rows(selection: Selection): BenchRow[];
  /** Its own section of the report, from this run's results (for rows that set `section`). */
  section?(results: BenchResults): SourceSection | undefined;
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
