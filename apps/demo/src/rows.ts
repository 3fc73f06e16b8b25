// A cell's measurements, and the row they become: the table, the verdicts, --json and --html
// all read rows.
import type { Cell, Experiment } from "./matrix.ts";
import type { Api, Kind } from "./programs/program-options.ts";
import { type Summary, summarize } from "./stats.ts";

/** A cell as the driver runs it: how often, and what each run measured. */
export interface MeasuredCell extends Cell {
  repetitions: number;
  times: number[];
  /** Peak RSS of each run, in MiB, where it was sampled. */
  rss: number[];
  /** The last failure's message. */
  error?: string;
}

/** One line of the results, as --json writes it. */
export interface Row {
  experiment: Experiment;
  runtime: string;
  runtimeVersion: string;
  api: Api;
  kind: Kind;
  tasks: number;
  /** Runs that succeeded. */
  repetitions: number;
  variant?: string;
  concurrency?: number;
  /** null when no run succeeded. */
  ms: Summary | null;
  peakRssMiB?: number;
  error?: string;
}

export function toRow(cell: MeasuredCell): Row {
  // Optional fields only where they apply, so the JSON stays as lean as the table.
  return {
    experiment: cell.experiment,
    runtime: cell.runtime,
    runtimeVersion: cell.runtimeVersion,
    api: cell.api,
    kind: cell.kind,
    tasks: cell.tasks,
    repetitions: cell.times.length,
    ...(cell.variant ? { variant: cell.variant } : {}),
    ...(cell.concurrency ? { concurrency: cell.concurrency } : {}),
    ms: cell.times.length ? summarize(cell.times) : null,
    ...(cell.rss.length ? { peakRssMiB: Math.round(Math.max(...cell.rss)) } : {}),
    ...(cell.error ? { error: cell.error } : {}),
  };
}

/** A row whose cell ran at least once. */
export type TimedRow = Row & { ms: Summary };
export const hasTimes = (row: Row): row is TimedRow => row.ms !== null;
