// The pool's scheduling choices, seen from the fake adapter: it starts only the workers the
// waiting calls need, gives each call to the least busy worker, and sends calls ahead only while
// tasks are short (under 2 ms on average), topping a worker up once it is down to half its window;
// a map's short chunks all go out at once, spread evenly, a message each.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SerializationError } from "../src/index.ts";
import { newPool } from "./bound.ts";
import { type FakeWorker, fakeAdapter, settle, track } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const held = (adapter: ReturnType<typeof fakeAdapter>) => adapter.workers.map((w) => w.unanswered().length);

describe("starting workers", () => {
  it("starts only the workers the waiting calls need, `concurrency` calls each, up to `workers`", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 4, concurrency: 2 }, adapter);
    track(pool.apply("task", [1]));
    expect(adapter.workers).toHaveLength(1);
    track(pool.apply("task", [2]));
    expect(adapter.workers).toHaveLength(1); // the starting worker will take both
    track(pool.apply("task", [3]));
    expect(adapter.workers).toHaveLength(2);
    for (let i = 4; i <= 12; i++) track(pool.apply("task", [i]));
    expect(adapter.workers).toHaveLength(4);
    await settle();
    expect(held(adapter)).toEqual([2, 2, 2, 2]);
    await pool.terminate();
  });

  it("starts another worker when the ready ones are busy", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 2 }, adapter);
    track(pool.apply("task", [1]));
    await settle();
    expect(adapter.workers).toHaveLength(1);
    track(pool.apply("task", [2]));
    expect(adapter.workers).toHaveLength(2);
    await pool.terminate();
  });

  it("gives each call to the least busy ready worker", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 3, concurrency: 3, prefetch: 0 }, adapter);
    const warm = [1, 2, 3, 4, 5, 6, 7].map((i) => track(pool.apply("task", [i])));
    await settle();
    expect(held(adapter)).toEqual([3, 3, 1]);
    (adapter.workers[0] as FakeWorker).answerOne();
    (adapter.workers[0] as FakeWorker).answerOne();
    await settle();
    // Worker 0 holds 1, worker 1 holds 3, worker 2 holds 1: each goes to the first of the least busy.
    track(pool.apply("task", [8]));
    track(pool.apply("task", [9]));
    await settle();
    expect(held(adapter)).toEqual([2, 3, 2]);
    expect(warm.filter((c) => c.state === "ok")).toHaveLength(2);
    await pool.terminate();
  });
});

describe("sending calls ahead", () => {
  /** A one-worker pool whose first call took `ms` (fake clock), then `count` calls submitted. */
  async function after(ms: number, count: number, prefetch = 4) {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, prefetch }, adapter);
    const first = track(pool.apply("task", [0]));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    vi.advanceTimersByTime(ms);
    worker.answerOne();
    await settle();
    expect(first.value).toBe(0);
    for (let i = 1; i <= count; i++) track(pool.apply("task", [i]));
    await settle();
    return { pool, worker };
  }

  it("sends short tasks ahead, up to concurrency + prefetch, and never slow ones", async () => {
    const short = await after(1, 8);
    // Topped up as the queue grew (never more ahead than waits), up to the full window, 1 + 4.
    expect(short.worker.unanswered()).toHaveLength(5);
    await short.pool.terminate();
    const slow = await after(2, 8);
    expect(slow.worker.unanswered()).toHaveLength(1);
    await slow.pool.terminate();
  });

  it("tops a worker up only once it is down to half its window, so calls go out in batches", async () => {
    const { pool, worker } = await after(0, 20, 6);
    const sends = () => worker.calls.length;
    expect(worker.unanswered()).toHaveLength(5); // 1 + 4 (1 + 6/2 = 4 held: one more)
    let before = sends();
    worker.answerOne(); // 4 held: at the low-water mark, topped up to the full window
    await settle();
    expect(sends() - before).toBe(3);
    expect(worker.unanswered()).toHaveLength(7);
    before = sends();
    worker.answerOne(); // 6 held: above the mark, nothing sent
    await settle();
    expect(sends()).toBe(before);
    await pool.terminate();
  });

  it("goes back to sending ahead once the average task time is short again", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, prefetch: 4 }, adapter);
    const calls = Array.from({ length: 30 }, (_, i) => track(pool.apply("task", [i])));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    vi.advanceTimersByTime(10); // the first call is slow: average 10 ms
    worker.answerOne();
    await settle();
    const heldAfter: number[] = [];
    for (let i = 0; i < 12; i++) {
      heldAfter.push(worker.unanswered().length);
      vi.advanceTimersByTime(1); // 1 ms each: the average moves a fifth of the way to 1
      worker.answerOne();
      await settle();
    }
    // 1 + 9 × 0.8^k: 10, 8.2, 6.76, … 2.21, then 1.97 after ten answers: only then are calls sent ahead.
    expect(heldAfter.slice(0, 10)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(heldAfter[10]).toBe(5);
    expect(calls.filter((c) => c.state === "ok")).toHaveLength(13);
    await pool.terminate();
  });
});

describe("a map's chunks", () => {
  /** A pool of two workers that have each answered a chunk: chunks are known short. */
  async function warmTwo() {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 2 }, adapter);
    const warm = pool.map("task", [1, 2], { chunksize: 1 });
    await settle();
    for (const worker of adapter.workers) worker.answerOne();
    expect(await warm).toEqual([1, 2]);
    const [a, b] = adapter.workers as [FakeWorker, FakeWorker];
    return { adapter, pool, a, b };
  }

  it("go out at once once chunks are known short: evenly, turn by turn, each in a message of its own", async () => {
    const { adapter, pool, a, b } = await warmTwo();
    const sentBefore = adapter.sendLog.length;

    const items = Array.from({ length: 16 }, (_, i) => i);
    const mapped = pool.map("task", items, { chunksize: 2 }); // 8 chunks
    await settle();
    expect(held(adapter)).toEqual([4, 4]); // none kept back for an answer to come first
    const order = adapter.sendLog.slice(sentBefore).map((id) => (a.messageOf.has(id) ? "a" : "b"));
    expect(order).toEqual(["a", "b", "a", "b", "a", "b", "a", "b"]); // each starts on its first at once
    for (const worker of [a, b]) {
      const messages = worker.unanswered().map((call) => worker.messageOf.get(call.id));
      expect(new Set(messages).size).toBe(4);
    }
    while (a.answerOne() || b.answerOne()) await settle();
    expect(await mapped).toEqual(items);
    await pool.terminate();
  });

  it("one that cannot be cloned fails the map as it is handed out; the others still go, the pool serves on", async () => {
    const { pool, a, b } = await warmTwo();
    const items: unknown[] = Array.from({ length: 16 }, (_, i) => i);
    items[9] = () => "a function cannot be cloned"; // in the fifth chunk of two
    const mapped = track(pool.map("task", items, { chunksize: 2 }));
    await settle();
    expect(mapped.error).toBeInstanceOf(SerializationError);
    expect((mapped.error as Error).message).toMatch(/item 1 of its chunk cannot be cloned/);
    while (a.answerOne() || b.answerOne()) await settle();
    const after = track(pool.apply("task", [7]));
    await settle();
    while (a.answerOne() || b.answerOne()) await settle();
    expect(after.value).toBe(7);
    await pool.terminate();
  });
});
