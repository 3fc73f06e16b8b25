// Which calls go marked `spin` (Call.spin): a lone call while it is the pool's only call in flight
// and none waits, its caller likely awaiting each answer; never one made while others are about,
// nor a map's chunk. A thread worker watches its mailbox a moment after such a call only.
import { describe, expect, it } from "vitest";
import { newPool } from "./bound.ts";
import { answerAll, type FakeWorker, fakeAdapter, settle } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

/** Each call the workers got, by its first argument: whether it went marked spin. */
function marks(workers: FakeWorker[]): Map<unknown, boolean> {
  const byArg = new Map<unknown, boolean>();
  for (const worker of workers) for (const call of worker.calls) byArg.set(call.args[0], call.spin === true);
  return byArg;
}

describe("Call.spin", () => {
  it("marks a call made when no other is in flight or waiting, and no other", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 2 }, adapter);
    // One caller awaiting each answer: every call is alone.
    for (const arg of ["a", "b", "c"]) {
      const call = pool.apply("task", [arg]);
      await settle();
      for (const worker of adapter.workers) while (worker.answerOne());
      await call;
    }
    // Two callers at once: the second comes while the first is in flight.
    const both = Promise.all([pool.apply("task", ["first of two"]), pool.apply("task", ["second of two"])]);
    await settle();
    // A call made while another waits in the queue for a worker (both are busy).
    const queued = [1, 2, 3].map((i) => pool.apply("task", [`busy ${i}`]));
    await settle();
    await answerAll(adapter, () => adapter.workers.every((w) => w.calls.every((c) => w.answered.has(c.id))));
    await both;
    await Promise.all(queued);
    // A map's chunks, alone in the pool or not.
    const mapped = pool.map("task", [1, 2, 3, 4], { chunksize: 2 });
    await answerAll(adapter, () => adapter.workers.every((w) => w.calls.every((c) => w.answered.has(c.id))));
    expect(await mapped).toEqual([1, 2, 3, 4]);
    const got = marks(adapter.workers);
    expect([got.get("a"), got.get("b"), got.get("c")]).toEqual([true, true, true]);
    expect(got.get("second of two")).toBe(false);
    expect([1, 2, 3].map((i) => got.get(`busy ${i}`))).toEqual([false, false, false]);
    const chunks = adapter.workers.flatMap((w) => w.calls.filter((c) => c.chunk !== undefined));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.spin === undefined)).toBe(true);
    await pool.terminate();
  });
});
