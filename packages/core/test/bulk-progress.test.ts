// A bulk call's progress meter: reports while chunks settle, at most every ~100 ms, and a last
// report at the end only when it has news, so that "done === total" is reported once.
import { describe, expect, it } from "vitest";
import { ProgressMeter } from "../src/parent/bulk-progress.ts";
import type { BulkProgress } from "../src/parent/options.ts";

function meter(total?: number): { meter: ProgressMeter; reports: BulkProgress[] } {
  const reports: BulkProgress[] = [];
  return { meter: new ProgressMeter((p) => reports.push(p), total), reports };
}

describe("ProgressMeter", () => {
  it("the end repeats nothing when the last chunk's report already counted every item", () => {
    const { meter: m, reports } = meter(4);
    m.settled(4, true);
    m.finish();
    m.finish();
    expect(reports.map((p) => [p.done, p.total])).toEqual([[4, 4]]);
  });

  it("the end reports what the throttled reports left out", () => {
    const { meter: m, reports } = meter(4);
    m.settled(2, true);
    m.settled(2, false); // within 100 ms of the first: held back
    m.finish();
    expect(reports.map((p) => [p.done, p.failed])).toEqual([
      [2, 0],
      [4, 2],
    ]);
    expect(reports.at(-1)?.etaMs).toBe(0);
  });

  it("the end reports a total learnt after the last chunk settled", () => {
    const { meter: m, reports } = meter();
    m.settled(3, true);
    m.totalKnown(3);
    m.finish();
    expect(reports.map((p) => [p.done, p.total])).toEqual([
      [3, undefined],
      [3, 3],
    ]);
  });

  it("a call with nothing settled still gets its one report at the end", () => {
    const { meter: m, reports } = meter(0);
    m.finish();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ done: 0, total: 0, failed: 0 });
  });
});
