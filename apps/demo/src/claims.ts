// The article's claims, judged per runtime and kind from the measured rows.
import { hasTimes, type Row, type TimedRow } from "./rows.ts";

export const claims = {
  ease: "1. Pool is easier: it creates the workers, splits the input and returns the results in a list",
  creation: "2. A Pool costs more to create, so for a few one-off tasks Process is better",
  memory:
    "3. Process keeps every process in memory, Pool only those running: many large tasks waste memory with Process",
  io: "4. For I/O-bound tasks Process is better, as a Pool worker waits out each task's I/O before the next",
};

export interface Verdict {
  claim: string;
  runtime: string;
  kind: string;
  holds: string;
  evidence: string;
}

/** The row with these field values that ran. */
const find = (rows: Row[], where: Partial<Row>): TimedRow | undefined =>
  rows.filter(hasTimes).find((r) => Object.entries(where).every(([k, v]) => r[k as keyof Row] === v));
const ratio = (a: number, b: number) => (a / b).toFixed(2);
/** "holds" when `expected` beats `other` by more than 10%, "does not hold" when it loses by as much. */
const judge = (expected: number, other: number) =>
  expected < other / 1.1
    ? "holds"
    : expected > other * 1.1
      ? "does not hold"
      : "no clear difference (within 10%)";

export function judgeClaims(rows: Row[]): Verdict[] {
  const verdicts: Verdict[] = [
    {
      claim: claims.ease,
      runtime: "every runtime",
      kind: "both kinds",
      holds: "holds",
      evidence:
        "the same API as Python: pool.map() returns the results in input order, a Process needs start() and join() per task",
    },
  ];
  const groups = new Map<string, { runtime: string; kind: string }>();
  for (const row of rows) {
    const runtime = `${row.runtime} ${row.runtimeVersion}`;
    groups.set(`${runtime}|${row.kind}`, { runtime, kind: row.kind });
  }
  for (const { runtime, kind } of groups.values()) {
    const mine = rows.filter((r) => `${r.runtime} ${r.runtimeVersion}` === runtime && r.kind === kind);
    const add = (claim: string, holds: string, evidence: string) =>
      verdicts.push({ claim, runtime, kind, holds, evidence });

    const cp = find(mine, { experiment: "creation", api: "Process" });
    const cq = find(mine, { experiment: "creation", api: "Pool" });
    if (cp && cq) {
      const verdict = judge(cp.ms.median, cq.ms.median);
      add(
        claims.creation,
        verdict,
        `one task, to its result: Pool ${cq.ms.median} ms, Process ${cp.ms.median} ms (Pool ÷ Process ${ratio(cq.ms.median, cp.ms.median)})`,
      );
    }

    const mp = find(mine, { experiment: "memory", api: "Process" });
    const mq = find(mine, { experiment: "memory", api: "Pool" });
    if (mp?.peakRssMiB && mq?.peakRssMiB) {
      const verdict = judge(mq.peakRssMiB, mp.peakRssMiB);
      add(
        claims.memory,
        verdict,
        `${mp.tasks} tasks: peak ${mp.peakRssMiB} MiB as Processes, ${mq.peakRssMiB} MiB through a Pool of 2 (${ratio(mp.peakRssMiB, mq.peakRssMiB)}×)`,
      );
    } else if (mp && mq) {
      add(claims.memory, "not measured", "RSS sampling needs Linux's /proc");
    }

    const ip = find(mine, { experiment: "io-bound", api: "Process" });
    const i1 = find(mine, { experiment: "io-bound", api: "Pool", concurrency: 1 });
    const i8 = find(mine, { experiment: "io-bound", api: "Pool", concurrency: 8 });
    if (ip && i1) {
      const verdict = judge(ip.ms.median, i1.ms.median);
      const more = i8
        ? `; a Pool with concurrency 8: ${i8.ms.median} ms, ${ratio(ip.ms.median, i8.ms.median)}× faster than one Process per task`
        : "";
      add(
        claims.io,
        verdict,
        `${ip.tasks} tasks: one Process each ${ip.ms.median} ms, Pool of 2 with concurrency 1 ${i1.ms.median} ms${more}`,
      );
    }
  }
  return verdicts;
}
