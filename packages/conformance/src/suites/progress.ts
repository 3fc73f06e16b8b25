// Progress: what a task reports reaches its own call's onProgress, in order and before its
// result; a bulk call reports how many items are done, and the end once.
import type { BulkProgress } from "@multiproc/core";
import { expect, it } from "vitest";
import type { Context } from "../context.ts";

export function progressTests(ctx: Context): void {
  ctx.itWith(
    "taskProgress",
    "a task's reportProgress values reach its call's onProgress, in order, before the result",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const seen: unknown[] = [];
      const result = await pool.apply("countTo", [5], {
        onProgress: (value) => seen.push(value),
      });
      seen.push(`result ${result}`);
      expect(seen).toEqual([1, 2, 3, 4, 5, "result 5"]);
    },
  );

  const eachHearsItsOwn = async (options: { workers: number; concurrency?: number }) => {
    const pool = ctx.pool(options);
    const heard: Record<string, unknown[]> = { a: [], b: [], c: [] };
    await Promise.all(
      ["a", "b", "c"].map((tag) =>
        pool.apply("stepAsync", [tag, 4, 5], { onProgress: (value) => heard[tag]?.push(value) }),
      ),
    );
    for (const tag of ["a", "b", "c"]) {
      expect(heard[tag]).toEqual([1, 2, 3, 4].map((step) => ({ tag, step })));
    }
  };

  ctx.itWith("taskProgress", "each call hears only its own progress", () => eachHearsItsOwn({ workers: 2 }));

  ctx.itWith(
    ["taskProgress", "callContext"],
    "each call hears only its own progress when calls run at once in one worker",
    () => eachHearsItsOwn({ workers: 1, concurrency: 3 }),
  );

  ctx.itWith(
    "taskProgress",
    "a progress value that cannot be sent is an error in the task; a call without onProgress ignores reports",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const error = await pool
        .apply("reportUnsendable", [], { onProgress: () => {} })
        .catch((e: unknown) => e);
      expect((error as Error).name).toBe("TypeError");
      expect((error as Error).message).toMatch(/reportProgress: the value cannot be sent/);
      expect(await pool.apply("countTo", [3])).toBe(3);
      await expect(pool.apply("square", [2], { onProgress: "no" as never })).rejects.toThrow(/onProgress/);
    },
  );

  it("map reports items done, at most every ~100 ms, and once at the end with done === total", async () => {
    const pool = ctx.pool({ workers: 2 });
    const reports: BulkProgress[] = [];
    const items = Array.from({ length: 40 }, (_, i) => i);
    const out = await pool.map("square", items, { chunksize: 4, onProgress: (p) => reports.push(p) });
    expect(out).toEqual(items.map((i) => i * i));
    const last = reports.at(-1) as BulkProgress;
    expect(last).toMatchObject({ done: 40, total: 40, failed: 0, etaMs: 0 });
    expect(last.elapsedMs).toBeGreaterThanOrEqual(0);
    // Counted in items, never backwards, never past the total.
    for (let i = 1; i < reports.length; i++) {
      expect((reports[i] as BulkProgress).done).toBeGreaterThanOrEqual((reports[i - 1] as BulkProgress).done);
    }
    expect(reports.every((p) => p.done <= 40 && p.done % 4 === 0)).toBe(true);
    expect(reports.filter((p) => p.done === 40)).toHaveLength(1);
  });

  it("the end is reported once when the last chunk's own report already counted every item", async () => {
    const pool = ctx.pool({ workers: 1 });
    const reports: BulkProgress[] = [];
    // The last chunk settles 150 ms after the others: past the 100 ms between reports, so its
    // settling is reported, with every item done, before the map's end.
    const argLists = [
      [0, 0],
      [0, 1],
      [0, 2],
      [150, 3],
    ];
    const out = await pool.starmap("sleep", argLists, { chunksize: 1, onProgress: (p) => reports.push(p) });
    expect(out).toEqual([0, 1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 20)); // anything the end would add
    expect(reports.filter((p) => p.done === 4)).toHaveLength(1);
    expect(reports.at(-1)).toMatchObject({ done: 4, total: 4, failed: 0 });
  });

  it("a failed map's last report counts the failed items", async () => {
    const pool = ctx.pool({ workers: 1 });
    const reports: BulkProgress[] = [];
    const error = await pool
      .starmap(
        "add",
        [
          [1, 2],
          [3, 4],
        ],
        { chunksize: 1, onProgress: (p) => reports.push(p) },
      )
      .then(() => pool.map("fail", ["x", "y"], { chunksize: 1, onProgress: (p) => reports.push(p) }))
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("RangeError");
    await new Promise((resolve) => setTimeout(resolve, 50)); // the last report follows the last chunk
    expect(reports.at(0)).toMatchObject({ total: 2 });
    expect(reports.at(-1)).toMatchObject({ done: 2, total: 2, failed: 2 });
  });

  it("imap over a source of unknown length reports total only once the source ends", async () => {
    const pool = ctx.pool({ workers: 2 });
    const reports: BulkProgress[] = [];
    function* numbers() {
      for (let i = 0; i < 12; i++) yield i;
    }
    const out: number[] = [];
    for await (const y of pool.imap("square", numbers(), {
      chunksize: 3,
      onProgress: (p) => reports.push(p),
    })) {
      out.push(y as number);
    }
    expect(out).toEqual([...numbers()].map((i) => i * i));
    expect(reports.at(-1)).toMatchObject({ done: 12, total: 12, failed: 0 });
    const early = reports.filter((p) => p.total === undefined);
    for (const p of early) expect(p.etaMs).toBeUndefined();
    const unordered: BulkProgress[] = [];
    for await (const _ of pool.imapUnordered("square", [1, 2, 3], { onProgress: (p) => unordered.push(p) })) {
    }
    expect(unordered.at(-1)).toMatchObject({ done: 3, total: 3 });
  });
}
