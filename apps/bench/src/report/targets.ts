// The targets of issue #13 (the round trip's bound as issue #18 tightened it), each checked
// against ratios measured in the same run.
import type { RowResult, TargetResult } from "../results.ts";
import { type JsRuntime, jsRuntimes } from "../rows/row.ts";

interface Target {
  name: string;
  target: string;
  runtimes: readonly JsRuntime[];
  /** The ratio this target reads from the runtime's rows, if measured. */
  read(rows: (id: string) => RowResult | undefined, runtime: JsRuntime): number | undefined;
  /** The bound for this runtime: at least `min` or at most `max`. */
  bound(runtime: JsRuntime): { min?: number; max?: number };
}

const thread = (rows: (id: string) => RowResult | undefined, runtime: JsRuntime) =>
  rows(`${runtime}/thread/multiproc`);

const targets: Target[] = [
  {
    name: "round-trip",
    target: "Round trip (median) within 1.0× the raw round trip, kind thread",
    runtimes: jsRuntimes,
    read: (rows, rt) => thread(rows, rt)?.vsFloor.tripMedianUs,
    bound: () => ({ max: 1.0 }),
  },
  {
    name: "burst",
    target: "Burst of tiny tasks at least 0.8× the raw floor on Node, 0.5× on Deno and Bun, kind thread",
    runtimes: jsRuntimes,
    read: (rows, rt) => thread(rows, rt)?.vsFloor.burstPerSec,
    bound: (rt) => ({ min: rt === "node" ? 0.8 : 0.5 }),
  },
  {
    name: "map-numbers",
    target: "`map` of numbers at least 1.3× Python's `Pool.map` (better of two Python runs), kind thread",
    runtimes: jsRuntimes,
    read: (rows, rt) => thread(rows, rt)?.vsPython.mapNumbersPerSec,
    bound: () => ({ min: 1.3 }),
  },
  {
    name: "map-objects",
    target:
      "`map` of small objects at least 1.3× Python's `Pool.map` (better of two Python runs), kind thread",
    runtimes: jsRuntimes,
    read: (rows, rt) => thread(rows, rt)?.vsPython.mapObjectsPerSec,
    bound: () => ({ min: 1.3 }),
  },
  {
    name: "process-start",
    target: "The article's Process program within 1.05× the same two tasks on bare workers, kind thread",
    runtimes: jsRuntimes,
    read: (rows, rt) => thread(rows, rt)?.vsFloor.processStartMs,
    bound: () => ({ max: 1.05 }),
  },
  {
    name: "process-kind",
    target: "Kind process: burst and round trip reported beside kind thread (ratio shown: burst ÷ raw IPC)",
    runtimes: jsRuntimes,
    read: (rows, rt) => {
      const row = rows(`${rt}/process/multiproc`);
      return row?.median.tripMedianUs !== undefined ? row.vsFloor.burstPerSec : undefined;
    },
    bound: () => ({}),
  },
];

export function checkTargets(results: RowResult[]): TargetResult[] {
  const byId = (id: string) => results.find((r) => r.id === id);
  return targets.flatMap((t) =>
    t.runtimes.map((runtime) => {
      const measured = t.read(byId, runtime) ?? null;
      const { min, max } = t.bound(runtime);
      const bound =
        min !== undefined ? `≥ ${min.toFixed(2)}×` : max !== undefined ? `≤ ${max.toFixed(2)}×` : "reported";
      // Judged as printed, to 2 decimals: the runs are nowhere near more precise than that.
      const shown = measured === null ? null : Math.round(measured * 100) / 100;
      const pass =
        shown === null ? null : (min === undefined || shown >= min) && (max === undefined || shown <= max);
      return { id: `${t.name}/${runtime}`, target: t.target, runtime, measured, bound, pass };
    }),
  );
}
