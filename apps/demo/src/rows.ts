// The engine's measured cells, named as the demo speaks of them: which experiment, which runtime,
// Process or Pool. The table, the claims matrix, --json and --html all read rows.
import type { BenchRunCell, BenchTimes } from "@multiproc/bench";
import type { Api, DemoSetting, Experiment, Kind } from "./workloads.ts";

/** One measured cell, as --json writes it. */
export interface Row {
  /** The engine's cell id: `node20/article/Pool/thread`. */
  id: string;
  experiment: Experiment;
  /** "Node", "Deno", "Bun", "Python". */
  runtime: string;
  /** The demo's runtime id (node20, node24, deno, bun, python). */
  runtimeId: string;
  runtimeVersion: string;
  api: Api;
  kind: Kind;
  /** Pool workers, or Processes alive at once. */
  workers: number;
  tasks: number;
  /** Rounds that succeeded. */
  repetitions: number;
  variant?: string;
  concurrency?: number;
  /** Median, min and max of the rounds; null when none succeeded. */
  ms: BenchTimes | null;
  /** Half the min–max range over the median; null with one round. */
  spread: number | null;
  /** The highest peak RSS of the whole process tree over the rounds, in MiB. */
  peakRssMiB?: number;
  error?: string;
}

const labels: Record<string, string> = { node: "Node", deno: "Deno", bun: "Bun", python: "Python" };

export function toRow(cell: BenchRunCell): Row {
  const setting = cell.setting as DemoSetting;
  // Optional fields only where they apply, so the JSON stays as lean as the table.
  return {
    id: cell.id,
    experiment: cell.workload as Experiment,
    runtime: labels[cell.runtime] ?? cell.runtime,
    runtimeId: cell.key,
    runtimeVersion: cell.runtimeVersion,
    api: setting.api,
    kind: (cell.kind ?? "thread") as Kind,
    workers: cell.workers ?? 1,
    tasks: cell.items,
    repetitions: cell.runsMs.length,
    ...(setting.variant ? { variant: setting.variant } : {}),
    ...(setting.concurrency ? { concurrency: setting.concurrency } : {}),
    ms: cell.ms,
    spread: cell.spread,
    ...(cell.peakRssMiB ? { peakRssMiB: Math.round(cell.peakRssMiB.max) } : {}),
    ...(cell.error ? { error: cell.error } : {}),
  };
}

/** A row whose cell ran at least once. */
export type TimedRow = Row & { ms: BenchTimes };
export const hasTimes = (row: Row): row is TimedRow => row.ms !== null;
