// A cell's rounds turned into its figures: median, range, spread, items/s, speed-up over `main`.
import type { BenchCell, BenchKind, BenchMode, BenchRuntimeId } from "./schema.ts";

/** A cell as measured, before its figures. */
export interface MeasuredCell {
  id: string;
  runtime: BenchRuntimeId;
  runtimeLabel: string;
  runtimeVersion: string;
  mode: BenchMode;
  kind: BenchKind | null;
  workers: number | null;
  items: number;
  runsMs: number[];
  peaks: number[];
  stats: unknown;
  error?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function summarize(cells: MeasuredCell[]): BenchCell[] {
  const figures = cells.map((cell): BenchCell => {
    const { runsMs, peaks } = cell;
    const ms = runsMs.length
      ? {
          median: round(median(runsMs), 3),
          min: round(Math.min(...runsMs), 3),
          max: round(Math.max(...runsMs), 3),
        }
      : null;
    return {
      id: cell.id,
      runtime: cell.runtime,
      runtimeVersion: cell.runtimeVersion,
      mode: cell.mode,
      kind: cell.kind,
      workers: cell.workers,
      items: cell.items,
      runsMs: runsMs.map((x) => round(x, 3)),
      ms,
      spread: ms && runsMs.length > 1 && ms.median > 0 ? round((ms.max - ms.min) / 2 / ms.median, 4) : null,
      itemsPerSecond: ms && ms.median > 0 ? round((cell.items * 1000) / ms.median, 1) : null,
      speedUp: null,
      peakRssMiB: peaks.length
        ? { median: round(median(peaks) / 2 ** 20, 1), max: round(Math.max(...peaks) / 2 ** 20, 1) }
        : null,
      stats: (cell.stats ?? null) as BenchCell["stats"],
      ...(cell.error ? { error: cell.error } : {}),
    };
  });
  for (const cell of figures) {
    const main = figures.find((c) => c.runtime === cell.runtime && c.mode === "main");
    if (main?.ms && cell.ms && cell.ms.median > 0) cell.speedUp = round(main.ms.median / cell.ms.median, 3);
  }
  return figures;
}

/** The run's noise: the median of the cells' spreads. */
export function runNoise(cells: BenchCell[]): number | null {
  const spreads = cells.map((c) => c.spread).filter((s): s is number => s !== null);
  return spreads.length ? round(median(spreads), 4) : null;
}
