// The Pool API over the fake adapter, whose workers answer as identity tasks: how map, starmap
// and imap cut their input into chunks, put results back in order, and refuse bad input.
import { describe, expect, it } from "vitest";
import { AsyncResult, InvalidArgumentError, PoolClosedError, QueueFullError } from "../src/index.ts";
import { newPool } from "./bound.ts";
import { answerAll, type FakeWorker, fakeAdapter, flush, settle, track } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

function pool(options: { workers?: number; concurrency?: number; maxQueue?: number } = {}) {
  const adapter = fakeAdapter();
  return { adapter, pool: newPool({ module, workers: 2, ...options }, adapter) };
}

/** Runs `work` while answering every call, and returns its result. */
async function answered<T>(adapter: ReturnType<typeof fakeAdapter>, work: Promise<T>): Promise<T> {
  const outcome = track(work);
  await answerAll(adapter, () => outcome.state !== "pending");
  return work;
}

const chunkSizes = (workers: FakeWorker[]) => workers.flatMap((w) => w.calls.map((c) => c.args.length));

describe("Pool.map and starmap", () => {
  it("map cuts the items into about four chunks per worker slot, and keeps input order", async () => {
    const { adapter, pool: p } = pool({ workers: 2, concurrency: 1 });
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(await answered(adapter, p.map("task", items))).toEqual(items);
    expect(chunkSizes(adapter.workers).sort()).toEqual([2, 3, 3, 3, 3, 3, 3]); // ceil(20 / 8) = 3
  });

  it("map cuts large items into chunks of about 128 KB: 200 pages of 16 KB go 8 a chunk, not Python's 25", async () => {
    const { adapter, pool: p } = pool({ workers: 2, concurrency: 1 });
    const pages = Array.from({ length: 200 }, (_, i) => `${i}`.padEnd(16 * 1024, "."));
    expect(await answered(adapter, p.map("task", pages))).toEqual(pages);
    expect(chunkSizes(adapter.workers)).toEqual(Array.from({ length: 25 }, () => 8));
  });

  it("map takes an explicit chunksize and any iterable; an empty list sends nothing", async () => {
    const { adapter, pool: p } = pool();
    expect(await answered(adapter, p.map("task", new Set([1, 2, 3, 4, 5]), { chunksize: 2 }))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(chunkSizes(adapter.workers).sort()).toEqual([1, 2, 2]);
    expect(await p.map("task", [])).toEqual([]);
    expect(adapter.workers.flatMap((w) => w.calls)).toHaveLength(3);
  });

  it("starmap sends argument lists and mapAsync/starmapAsync give AsyncResults", async () => {
    const { adapter, pool: p } = pool();
    const lists = [
      ["a", 1],
      ["b", 2],
    ];
    expect(await answered(adapter, p.starmap("task", lists))).toEqual(["a", "b"]);
    expect(adapter.workers.flatMap((w) => w.calls.map((c) => c.chunk))).toEqual(["argLists", "argLists"]);
    const mapped = p.mapAsync("task", [7, 8]);
    expect(mapped).toBeInstanceOf(AsyncResult);
    expect(await answered(adapter, mapped.get())).toEqual([7, 8]);
    expect(await answered(adapter, p.starmapAsync("task", [[9]]).get())).toEqual([9]);
  });

  it("refuses what it cannot map, with InvalidArgumentError, and passes on a failing source's error", async () => {
    const { pool: p } = pool();
    await expect(p.map("task", 5 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(p.starmap("task", [[1], 2] as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(p.map("task", [1], { chunksize: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(p.map("task", [1], { chunksize: 1.5 })).rejects.toBeInstanceOf(InvalidArgumentError);
    function* broken() {
      yield 1;
      throw new RangeError("the source broke");
    }
    await expect(p.map("task", broken())).rejects.toThrow("the source broke");
  });
});

describe("map and imap options", () => {
  it("timeout and signal apply to each chunk of map and imap", async () => {
    const { adapter, pool: p } = pool({ workers: 1 });
    const controller = new AbortController();
    const mapped = track(p.map("task", [1, 2], { chunksize: 1, signal: controller.signal }));
    const streamed = p.imap("task", [3, 4], { signal: controller.signal });
    const first = track(streamed.next());
    await settle();
    controller.abort("enough");
    await settle();
    expect(mapped.error).toMatchObject({ name: "AbortError", reason: "enough" });
    expect(first.error).toMatchObject({ name: "AbortError", reason: "enough" });
    const timed = p.imapUnordered("task", [5], { timeout: 1 });
    await expect(timed.next()).rejects.toMatchObject({ name: "TimeoutError" });
    await p.terminate();
    expect(adapter.workers.length).toBeGreaterThan(0);
  });
});

describe("Pool.imap", () => {
  it("reads workers × concurrency × 2 chunks ahead, and yields in order", async () => {
    const { adapter, pool: p } = pool({ workers: 2, concurrency: 2 });
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    }
    const stream = p.imap("task", items(), { chunksize: 3 });
    const first = stream.next();
    await flush(); // the source is read over many microtasks
    expect(pulled).toBe(24); // 8 chunks of 3
    await answerAll(adapter, () => adapter.workers.flatMap((w) => w.calls).length >= 8);
    expect(await first).toEqual({ done: false, value: 0 });
    await stream.return(undefined);
  });

  it("refuses a non-iterable at once", () => {
    const { pool: p } = pool();
    expect(() => p.imap("task", 3 as never)).toThrow(InvalidArgumentError);
    expect(() => p.imapUnordered("task", null as never)).toThrow(InvalidArgumentError);
    expect(() => p.imap("task", [1], { chunksize: -1 })).toThrow(InvalidArgumentError);
  });
});

describe("Pool admission", () => {
  it("apply wants an array of arguments", async () => {
    const { pool: p } = pool();
    await expect(p.apply("task", 1 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("maxQueue counts the calls waiting beyond those that can run, not map's chunks", async () => {
    const { adapter, pool: p } = pool({ workers: 1, concurrency: 2, maxQueue: 1 });
    const accepted = [1, 2, 3].map((i) => track(p.apply("task", [i]))); // 2 can run, 1 waits
    await expect(p.apply("task", [4])).rejects.toBeInstanceOf(QueueFullError);
    const mapped = track(p.map("task", [5, 6, 7, 8], { chunksize: 1 })); // not bounded by maxQueue
    await answerAll(adapter, () => accepted.every((a) => a.state === "ok") && mapped.state === "ok");
    expect(accepted.map((a) => a.value)).toEqual([1, 2, 3]);
    expect(mapped.value).toEqual([5, 6, 7, 8]);
    expect(await answered(adapter, p.apply("task", [9]))).toBe(9); // room again
  });

  it("a queued call that leaves frees its place in maxQueue, and only its place", async () => {
    const { adapter, pool: p } = pool({ workers: 1, concurrency: 1, maxQueue: 1 });
    const running = track(p.apply("task", [1]));
    await settle(); // sent: it runs, and no longer waits
    const controller = new AbortController();
    const leaving = track(p.apply("task", [2], { signal: controller.signal }));
    await expect(p.apply("task", [3])).rejects.toBeInstanceOf(QueueFullError);
    controller.abort();
    await settle();
    expect(leaving.error).toMatchObject({ name: "AbortError" });
    const next = track(p.apply("task", [4])); // its place is free again
    await expect(p.apply("task", [5])).rejects.toBeInstanceOf(QueueFullError); // one running, one waiting
    await answerAll(adapter, () => next.state !== "pending");
    expect([running.value, next.value]).toEqual([1, 4]);
  });

  it("a call whose signal is already aborted is refused with AbortError, and never sent", async () => {
    const { adapter, pool: p } = pool();
    await expect(p.apply("task", [1], { signal: AbortSignal.abort("early") })).rejects.toMatchObject({
      name: "AbortError",
      reason: "early",
    });
    expect(adapter.workers).toHaveLength(0);
  });

  it("a closed pool refuses calls; await using closes and joins", async () => {
    const { adapter, pool: p } = pool();
    const pending = track(p.apply("task", ["kept"]));
    const disposed = track(p[Symbol.asyncDispose]());
    await expect(p.apply("task", [1])).rejects.toThrow(/closed: no new tasks/);
    await expect(p.apply("task", [1])).rejects.toBeInstanceOf(PoolClosedError);
    await answerAll(adapter, () => disposed.state !== "pending");
    expect(pending.value).toBe("kept");
    expect(disposed.state).toBe("ok");
    expect(p.workerCount).toBe(0);
  });
});
