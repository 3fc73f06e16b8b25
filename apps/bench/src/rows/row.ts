// A row of the bench's table. Every row names a contender module that measure.js runs in the row's
// runtime (Python's row runs its own script instead). Rows come from RowSources (row-source.ts).
import type { Sizes } from "../measure-run.ts";

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
