// Each row's medians over the rounds and its ratios to its floor and (for map) to Python, from
// the runs collected: the figures of results.ts.
import { higherIsBetter, type Measured, type Metric, metrics } from "./measured.ts";
import type { Figures, RowResult } from "./results.ts";
import type { BenchRow } from "./rows/row.ts";
import { median } from "./stats.ts";

/** The best run of one round, metric by metric. */
function bestOf(runs: Measured[]): Figures {
  const out: Figures = {};
  for (const m of metrics) {
    const xs = runs.map((r) => r[m]).filter((x): x is number => typeof x === "number");
    if (xs.length) out[m] = higherIsBetter(m) ? Math.max(...xs) : Math.min(...xs);
  }
  return out;
}

/** Per metric, the median over rounds of each round's best run, and the rounds' spread. */
function overRounds(rounds: Measured[][]): { median: Figures; spread: Figures } {
  const best = rounds.filter((runs) => runs.length > 0).map(bestOf);
  const out = { median: {} as Figures, spread: {} as Figures };
  for (const m of metrics) {
    const xs = best.map((b) => b[m]).filter((x): x is number => typeof x === "number");
    if (!xs.length) continue;
    out.median[m] = median(xs);
    out.spread[m] = (Math.max(...xs) - Math.min(...xs)) / median(xs);
  }
  return out;
}

const ratios = (row: Figures, base: Figures | undefined, keys: readonly Metric[]): Figures => {
  const out: Figures = {};
  for (const m of keys) {
    const a = row[m];
    const b = base?.[m];
    if (a !== undefined && b !== undefined && b > 0) out[m] = a / b;
  }
  return out;
};

/** The median spread of `metric` over every row: one figure for how noisy the run was. */
export const typicalSpread = (rows: RowResult[], metric: Metric): number | undefined => {
  const xs = rows.map((r) => r.spread?.[metric]).filter((x): x is number => x !== undefined);
  return xs.length ? median(xs) : undefined;
};

/** Medians and ratios of every row, from the runs collected. */
export function summarize(
  rows: BenchRow[],
  runs: Map<string, Measured[][]>,
  errors: Map<string, string[]>,
): RowResult[] {
  const results: RowResult[] = rows.map(({ module, ...row }) => {
    const rounds = runs.get(row.id) ?? [];
    return {
      ...row,
      ...(module ? { module: module.pathname.replace(/.*\/dist\//, "dist/") } : {}),
      version: rounds.flat()[0]?.version,
      rounds,
      errors: errors.get(row.id) ?? [],
      ...overRounds(rounds),
      vsFloor: {},
      vsPython: {},
    };
  });
  const python = results.find((r) => r.role === "reference")?.median;
  for (const r of results) {
    if (r.role === "floor" || r.role === "reference") continue;
    const floorId =
      r.floor ?? results.find((f) => f.role === "floor" && f.runtime === r.runtime && f.kind === r.kind)?.id;
    const floor = results.find((f) => f.id === floorId)?.median;
    r.vsFloor = ratios(r.median, floor, ["burstPerSec", "tripMedianUs", "tripP99Us", "processStartMs"]);
    r.vsPython = ratios(r.median, python, ["mapNumbersPerSec", "mapObjectsPerSec"]);
  }
  return results;
}
