// How figures print, the same on stdout and in docs/benchmarks.md.
import type { Metric } from "../measured.ts";
import type { RowResult } from "../results.ts";

const runtimeNames: Record<string, string> = { node: "Node", deno: "Deno", bun: "Bun", python: "Python" };

/** "Node 20.19.0" */
export const runtimeLabel = (r: Pick<RowResult, "runtime" | "version">): string =>
  `${runtimeNames[r.runtime] ?? r.runtime}${r.version ? ` ${r.version}` : ""}`;

/** 170,213 → "170k"; 9,876 → "9.9k"; 812 → "812". */
export function rate(x: number | undefined): string {
  if (x === undefined) return "–";
  if (x >= 100_000) return `${Math.round(x / 1000)}k`;
  if (x >= 1000) return `${(x / 1000).toFixed(1)}k`;
  return Math.round(x).toString();
}

/** µs or ms with three significant figures at most. */
export function time(x: number | undefined): string {
  if (x === undefined) return "–";
  return x >= 100 ? Math.round(x).toString() : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export const ratio = (x: number | undefined): string => (x === undefined ? "" : `${x.toFixed(2)}×`);

/** The table's columns: a metric, how it prints, and the ratio printed beside it. */
export const columns: {
  title: string;
  metric: Metric;
  show: (x?: number) => string;
  against: "floor" | "python";
}[] = [
  { title: "burst tasks/s", metric: "burstPerSec", show: rate, against: "floor" },
  { title: "round trip µs (median)", metric: "tripMedianUs", show: time, against: "floor" },
  { title: "round trip µs (p99)", metric: "tripP99Us", show: time, against: "floor" },
  { title: "map numbers/s", metric: "mapNumbersPerSec", show: rate, against: "python" },
  { title: "map objects/s", metric: "mapObjectsPerSec", show: rate, against: "python" },
  { title: "Process start ms", metric: "processStartMs", show: time, against: "floor" },
];

/** One cell: the median, and its ratio to the floor (or to Python) where there is one. */
export function cell(row: RowResult, column: (typeof columns)[number]): string {
  const value = row.median[column.metric];
  const against =
    column.against === "floor"
      ? row.vsFloor[column.metric]
      : row.vsPython[column.metric as "mapNumbersPerSec" | "mapObjectsPerSec"];
  const r = ratio(against);
  return r ? `${column.show(value)} (${r})` : column.show(value);
}

/** "Node 20.19.0 · thread · multiproc" as three cells. */
export const rowCells = (row: RowResult): string[] => [runtimeLabel(row), row.kind, row.label];
