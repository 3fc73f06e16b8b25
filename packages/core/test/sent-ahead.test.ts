// Calls sent ahead to a worker (prefetch) and the pool's own queue, driven step by step through
// the fake adapter. Fake timers stand the clock still, so every task counts as short and
// prefetch is on as soon as a worker has answered once.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, PoolClosedError, TimeoutError, WorkerExitError } from "../src/index.ts";
import { newPool } from "./bound.ts";
import { type FakeWorker, fakeAdapter, settle, track } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

/** A pool of one worker that has answered a call, so the calls that follow may be sent ahead. */
async function warmPool(options: { prefetch: number; concurrency?: number }, signals?: true | string) {
  const adapter = fakeAdapter(signals === undefined ? {} : { signals });
  const pool = newPool({ module, workers: 1, ...options }, adapter);
  const warm = track(pool.apply("task", [0]));
  await settle();
  const worker = adapter.workers[0] as FakeWorker;
  worker.answerOne();
  await settle();
  expect(warm.state).toBe("ok");
  return { adapter, pool, worker };
}

/** The fake's kind as a thread's capability: its tiny calls go marked quick, their answers together. */
const asThread = "a thread: no signal reaches it alone";

const args = (worker: FakeWorker) => worker.calls.map((c) => c.args[0]);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("calls sent ahead", () => {
  it("a dead worker's unstarted calls go back to the head of the queue, before those still waiting", async () => {
    const { adapter, pool, worker } = await warmPool({ prefetch: 4 });
    const calls = Array.from({ length: 12 }, (_, i) => track(pool.apply("task", [i + 1])));
    await settle();
    const held = args(worker).length - 1;
    // The setup this test needs: some calls sent ahead, some still in the pool's queue.
    expect(held).toBeGreaterThan(2);
    expect(held).toBeLessThan(12);
    worker.die(9); // call 1 was running; the calls sent ahead behind it never started
    await settle();
    const next = adapter.workers[1] as FakeWorker;
    for (let round = 0; round < 50 && calls.some((c) => c.state === "pending"); round++) {
      while (next.answerOne());
      await settle();
    }
    expect(calls[0]?.error).toBeInstanceOf(WorkerExitError);
    expect(calls.slice(1).map((c) => c.value)).toEqual(Array.from({ length: 11 }, (_, i) => i + 2));
    expect(args(next)).toEqual(Array.from({ length: 11 }, (_, i) => i + 2)); // in submission order
  });

  it("a worker that names fewer running calls than it could run gets only those failed", async () => {
    // concurrency 2, but call 1 ended the worker (process.exit) before call 2 had started.
    const { adapter, pool, worker } = await warmPool({ prefetch: 4, concurrency: 2 });
    const calls = Array.from({ length: 4 }, (_, i) => track(pool.apply("task", [i + 1])));
    await settle();
    worker.exitNaming(3, 1);
    await settle();
    const next = adapter.workers[1] as FakeWorker;
    while (next.answerOne()) await settle();
    await settle();
    expect(calls.map((c) => c.state)).toEqual(["error", "ok", "ok", "ok"]);
    expect(args(next)).toEqual([2, 3, 4]);
  });

  it("a worker that names its running calls as it exits gets only those failed; the rest run elsewhere", async () => {
    const { adapter, pool, worker } = await warmPool({ prefetch: 4, concurrency: 2 });
    const calls = Array.from({ length: 6 }, (_, i) => track(pool.apply("task", [i + 1])));
    await settle();
    worker.exitNaming(3); // calls 1 and 2 were running
    await settle();
    const next = adapter.workers[1] as FakeWorker;
    while (next.answerOne()) await settle();
    await settle();
    expect(calls.map((c) => c.state)).toEqual(["error", "error", "ok", "ok", "ok", "ok"]);
    expect(args(next)).toEqual([3, 4, 5, 6]);
  });
});

describe("terminate()", () => {
  it("rejects the calls in the pool's own queue as well as those sent ahead and running", async () => {
    const { pool, worker } = await warmPool({ prefetch: 2 });
    const calls = Array.from({ length: 8 }, (_, i) => track(pool.apply("task", [i + 1])));
    await settle();
    expect(args(worker).length - 1).toBeLessThan(8); // some calls still wait in the pool's queue
    const terminated = track(pool.terminate());
    await settle();
    for (const call of calls) expect(call.error).toBeInstanceOf(PoolClosedError);
    expect(calls[0]?.error).toHaveProperty("message", expect.stringMatching(/while the task ran/));
    for (const call of calls.slice(1))
      expect((call.error as Error).message).toMatch(/before the task started/);
    expect(terminated.state).toBe("ok");
    expect(pool.workerCount).toBe(0);
    await expect(pool.apply("task", [9])).rejects.toThrow(/terminated: no new tasks/);
  });

  it("rejects calls that never reached a worker (terminated while the first one starts)", async () => {
    const pool = newPool({ module, workers: 2 }, fakeAdapter());
    const calls = [1, 2, 3].map((i) => track(pool.apply("task", [i])));
    const terminated = track(pool.terminate());
    await settle();
    for (const call of calls) expect(call.error).toBeInstanceOf(PoolClosedError);
    expect(terminated.state).toBe("ok");
  });
});

describe("calls with a timeout or signal", () => {
  it("are never sent ahead to a busy worker: they wait in the pool's queue and leave it alone", async () => {
    const { pool, worker } = await warmPool({ prefetch: 4 });
    const busy = track(pool.apply("task", [1]));
    const controller = new AbortController();
    const timed = track(pool.apply("task", [2], { timeout: 50 }));
    const aborted = track(pool.apply("task", [3], { signal: controller.signal }));
    const plain = track(pool.apply("task", [4]));
    await settle();
    expect(args(worker)).toEqual([0, 1]); // FIFO: the plain call waits behind them
    vi.advanceTimersByTime(50);
    controller.abort("not needed");
    await settle();
    expect(timed.error).toBeInstanceOf(TimeoutError);
    expect(aborted.error).toBeInstanceOf(AbortError);
    // Taken out of the queue: the busy worker was not ended for them.
    expect(worker.alive).toBe(true);
    while (worker.answerOne()) await settle();
    expect(busy.value).toBe(1);
    expect(plain.value).toBe(4);
    expect(args(worker)).toEqual([0, 1, 4]);
  });

  it("start at once where they go: each is sent only when a worker has a free slot", async () => {
    const { pool, worker } = await warmPool({ prefetch: 4, concurrency: 2 });
    const calls = [
      track(pool.apply("task", [1])),
      track(pool.apply("task", [2])),
      track(pool.apply("task", [3], { timeout: 1000 })),
      track(pool.apply("task", [4], { signal: new AbortController().signal })),
    ];
    await settle();
    expect(args(worker)).toEqual([0, 1, 2]);
    while (worker.answerOne()) await settle();
    expect(calls.map((c) => c.value)).toEqual([1, 2, 3, 4]);
    const sentBusy = worker.received.filter((r) => (r.arg === 3 || r.arg === 4) && r.backlog >= 2);
    expect(sentBusy).toEqual([]);
  });
});

describe("a worker that dies unannounced mid-message", () => {
  /**
   * Calls `fns` in order on a warm worker, then answers what it holds: the room that frees is
   * filled in one message (a top-up). Returns the calls, and those of that message.
   */
  async function toppedUp(fns: string[], signals: true | string) {
    const { adapter, pool, worker } = await warmPool({ prefetch: 4 }, signals);
    const calls = fns.map((fn, i) => track(pool.apply(fn, [i + 1])));
    await settle();
    expect(worker.answerMany(worker.unanswered().length)).toBeGreaterThan(0);
    await settle();
    const last = worker.messageOf.get(worker.calls.at(-1)?.id ?? -1);
    const message = worker.calls.filter((c) => worker.messageOf.get(c.id) === last);
    expect(message.length).toBeGreaterThan(2); // the setup this test needs
    const inMessage = (i: number) => message.some((c) => c.args[0] === i + 1);
    return { adapter, pool, worker, calls, message, inMessage };
  }

  /** Kills the worker and lets the new one answer everything; `message`'s arguments, in order. */
  async function killed(
    adapter: ReturnType<typeof fakeAdapter>,
    worker: FakeWorker,
    message: FakeWorker["calls"],
  ) {
    worker.die(null, "SIGKILL");
    await settle();
    for (const again of adapter.workers.slice(1)) while (again.answerOne()) await settle();
    return message.map((c) => c.args[0] as number);
  }

  it("the quick calls of the message it was running all fail with it: their results may have been held", async () => {
    const { adapter, pool, worker, calls, message, inMessage } = await toppedUp(
      Array(16).fill("task"),
      asThread,
    );
    expect(message.every((c) => c.quick === true)).toBe(true); // "task" is known short here
    await killed(adapter, worker, message);
    calls.forEach((c, i) => {
      if (inMessage(i)) expect(c.error).toBeInstanceOf(WorkerExitError);
      else expect(c.state).toBe("ok"); // answered before, or never sent to it: run on the new worker
    });
    await pool.terminate();
  });

  it("stops at a call not marked quick: the worker sent what it held before starting that one", async () => {
    const fns = Array(16).fill("task");
    const { adapter, pool, worker, calls, message } = await toppedUp(
      fns.map((f, i) => (i === 9 ? "other" : f)),
      asThread,
    );
    const at = message.findIndex((c) => c.fn === "other");
    expect(at).toBeGreaterThan(0); // the setup this test needs: "other" inside the message
    expect(message[at]?.quick).toBeUndefined(); // it never ran here: not known short
    await killed(adapter, worker, message);
    for (const [j, c] of message.entries()) {
      const call = calls[(c.args[0] as number) - 1];
      // Those before it may have been answered and held; "other" and those after never started.
      if (j < at) expect(call?.error).toBeInstanceOf(WorkerExitError);
      else expect(call?.state).toBe("ok");
    }
    await pool.terminate();
  });

  it("a process's calls are never marked quick: only the one it was running fails with it", async () => {
    const { adapter, pool, worker, calls, message, inMessage } = await toppedUp(Array(16).fill("task"), true);
    expect(message.some((c) => c.quick === true)).toBe(false);
    const [first] = await killed(adapter, worker, message);
    calls.forEach((c, i) => {
      if (i + 1 === first) expect(c.error).toBeInstanceOf(WorkerExitError);
      else expect(c.state).toBe("ok");
    });
    expect(calls.filter((_, i) => inMessage(i)).length).toBeGreaterThan(1);
    await pool.terminate();
  });
});

describe("answers that come together", () => {
  it("settle each call, and the worker is topped up once, in one message, for the room they freed", async () => {
    const { pool, worker } = await warmPool({ prefetch: 4 }, asThread);
    const calls = Array.from({ length: 12 }, (_, i) => track(pool.apply("task", [i + 1])));
    await settle();
    // Sent as the queue grew: never more ahead than the queue's length, up to the full window, 1 + 4.
    expect(worker.unanswered()).toHaveLength(5);
    const messages = worker.transfers.length;
    expect(worker.answerMany(4)).toBe(4);
    await settle();
    expect(calls.slice(0, 4).map((c) => c.value)).toEqual([1, 2, 3, 4]);
    expect(worker.transfers.length - messages).toBe(1); // one top-up, not one per answer
    expect(worker.unanswered()).toHaveLength(5); // the full window: 1 + 4
    // Call ids start at 2 (the warm-up call was 1): call 7 fails, alone, between the others' results.
    expect(worker.answerMany(5, [7])).toBe(5);
    await settle();
    expect(calls[5]?.error).toMatchObject({ name: "RangeError", message: "bad 7" });
    while (worker.answerMany(5)) await settle();
    expect(calls.map((c) => c.value ?? "error")).toEqual([1, 2, 3, 4, 5, "error", 7, 8, 9, 10, 11, 12]);
    await pool.terminate();
  });
});

describe("answers that come together, some of them too late", () => {
  it("one for a call that timed out meanwhile is dropped; the others of the message still count", async () => {
    const adapter = fakeAdapter({ signals: asThread });
    const pool = newPool({ module, workers: 1, concurrency: 2, prefetch: 0 }, adapter);
    const plain = track(pool.apply("task", [1]));
    const timed = track(pool.apply("task", [2], { timeout: 50 }));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    expect(worker.unanswered()).toHaveLength(2);
    vi.advanceTimersByTime(50); // call 2 times out; its worker is being ended, but both answers were on their way
    expect(worker.answerMany(2)).toBe(2);
    await settle();
    expect(timed.error).toBeInstanceOf(TimeoutError);
    expect(plain.value).toBe(1);
    await pool.terminate();
  });
});
