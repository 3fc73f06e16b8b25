// The article's claims as a matrix: one row per claim, one column per runtime and kind, each cell
// the verdict (✓ holds, ✗ does not, tie within the noise) and its figure. Ties are judged as
// @multiproc/bench judges them: a ratio within the larger spread of the two cells, at least MIN_NOISE.
import { MIN_NOISE } from "@multiproc/bench";
import { hasTimes, type Row, type TimedRow } from "./rows.ts";
import type { Experiment } from "./workloads.ts";

/** Where the noise of a pair is unknown (a single round, or peak RSS): the old demo's 10%. */
export const UNKNOWN_NOISE = 0.1;

export const claimOne =
  "1. Pool is easier: it creates the workers, splits the input and returns the results in a list — holds on every runtime (the same API as Python: pool.map() returns the results in input order; a Process needs start() and join() per task)";

export interface Claim {
  id: "article" | "creation" | "memory" | "io" | "io-concurrency";
  /** The row's name in the table. */
  short: string;
  /** The claim in full (after its number in `short`), and what the figure is. */
  text: string;
  figure: string;
}

export const claims: Claim[] = [
  {
    id: "article",
    short: "2. the article's programs (2 tasks)",
    text: "A Pool costs more to create, so for a few one-off tasks Process is better: the article's two programs, two tasks",
    figure: "the Pool program's median time ÷ the Process program's",
  },
  {
    id: "creation",
    short: "2. a Pool costs more to create",
    text: "A Pool costs more to create: one task, from creating the Process or the Pool to its result",
    figure: "Pool ÷ Process, median time",
  },
  {
    id: "memory",
    short: "3. Processes hold more memory",
    text: "Process keeps every process in memory, Pool only those running: many large tasks waste memory with Process",
    figure: "peak RSS of the whole tree, Processes ÷ a Pool of 2",
  },
  {
    id: "io",
    short: "4. Process beats Pool on I/O",
    text: "For I/O-bound tasks Process is better, as a Pool worker waits out each task's I/O before the next",
    figure: "a Pool of 2 (concurrency 1) ÷ one Process per task, median time",
  },
  {
    id: "io-concurrency",
    short: "4. … against concurrency 8",
    text: "The same, against a Pool of 2 with concurrency 8 (tasks in flight per worker; JavaScript only)",
    figure: "a Pool of 2 (concurrency 8) ÷ one Process per task, median time",
  },
];

/** A cell of the matrix. */
export interface MatrixCell {
  verdict: "✓" | "✗" | "tie";
  /** The claim's figure (see {@link Claim.figure}): above 1 is the way the claim expects. */
  ratio: number;
  /** The noise the ratio was held against. */
  noise: number;
}

/** A column: one runtime (and version) and kind. */
export interface MatrixColumn {
  key: string;
  runtime: string;
  runtimeVersion: string;
  kind: string;
}

export interface Matrix {
  columns: MatrixColumn[];
  /** Per claim id, per column key: the cell, or null where it was not measured. */
  cells: Record<Claim["id"], Record<string, MatrixCell | null>>;
}

/** The claim's verdict from its figure: ✓ above 1 beyond the noise, ✗ below it, tie within it. */
export function verdictOf(ratio: number, noise: number): MatrixCell {
  const off = Math.max(ratio, 1 / ratio) - 1;
  const verdict = off <= noise ? "tie" : ratio > 1 ? "✓" : "✗";
  return { verdict, ratio: Number(ratio.toFixed(3)), noise: Number(noise.toFixed(4)) };
}

const noiseOf = (a: TimedRow, b: TimedRow) =>
  a.repetitions < 2 || b.repetitions < 2
    ? Math.max(UNKNOWN_NOISE, a.spread ?? 0, b.spread ?? 0)
    : Math.max(MIN_NOISE, a.spread ?? 0, b.spread ?? 0);

/** Time of `pool` over time of `process`: above 1, the Process was faster. */
function timeRatio(pool: TimedRow | undefined, process: TimedRow | undefined): MatrixCell | null {
  if (!pool || !process || process.ms.median <= 0) return null;
  return verdictOf(pool.ms.median / process.ms.median, noiseOf(pool, process));
}

export function buildMatrix(rows: Row[]): Matrix {
  const timed = rows.filter(hasTimes);
  const columns = new Map<string, MatrixColumn>();
  for (const r of rows) {
    const key = `${r.runtimeId}/${r.kind}`;
    if (!columns.has(key))
      columns.set(key, { key, runtime: r.runtime, runtimeVersion: r.runtimeVersion, kind: r.kind });
  }
  const cells = Object.fromEntries(claims.map((c) => [c.id, {}])) as Matrix["cells"];
  for (const column of columns.values()) {
    const find = (experiment: Experiment, api: string, concurrency?: number) =>
      timed.find(
        (r) =>
          `${r.runtimeId}/${r.kind}` === column.key &&
          r.experiment === experiment &&
          r.api === api &&
          !r.variant?.startsWith("bullmq") &&
          (concurrency === undefined || (r.concurrency ?? 1) === concurrency),
      );
    cells.article[column.key] = timeRatio(find("article", "Pool"), find("article", "Process"));
    cells.creation[column.key] = timeRatio(find("creation", "Pool"), find("creation", "Process"));
    const mp = find("memory", "Process");
    const mq = find("memory", "Pool");
    cells.memory[column.key] =
      mp?.peakRssMiB && mq?.peakRssMiB ? verdictOf(mp.peakRssMiB / mq.peakRssMiB, UNKNOWN_NOISE) : null;
    cells.io[column.key] = timeRatio(find("io-bound", "Pool", 1), find("io-bound", "Process"));
    const c8 = timed.find(
      (r) => `${r.runtimeId}/${r.kind}` === column.key && r.experiment === "io-bound" && r.concurrency === 8,
    );
    cells["io-concurrency"][column.key] = timeRatio(c8, find("io-bound", "Process"));
  }
  return { columns: [...columns.values()], cells };
}
