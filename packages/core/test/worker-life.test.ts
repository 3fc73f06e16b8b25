// A worker's life as the pool runs it, through the fake adapter: start-up failures, replies that
// are errors, arguments that cannot be sent, idle and retired workers, and how terminate() ends
// a worker that ignores SIGTERM. The clock is fake: timers fire only when the test moves it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  InvalidStateError,
  MemoryLimitError,
  ModuleLoadError,
  PoolClosedError,
  SerializationError,
  TaskError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
} from "../src/index.ts";
import { newPool } from "./bound.ts";
import { answerAll, type FakeWorker, fakeAdapter, type Startup, settle, track } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A one-worker pool whose workers start as `plan` says, one after another ("ready" after the plan). */
function startingAs(plan: Startup[], options: { maxStartFailures?: number } = {}) {
  const adapter = fakeAdapter({ startup: (i) => plan[i] ?? "ready" });
  return { adapter, pool: newPool({ module, workers: 1, ...options }, adapter) };
}

describe("start-up", () => {
  it("a worker that exits before it is ready is replaced, and the call runs on the next one", async () => {
    const { adapter, pool } = startingAs(["exit", "exit"]);
    const call = track(pool.apply("task", ["x"]));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.value).toBe("x");
    expect(adapter.workers).toHaveLength(3);
  });

  it("after maxStartFailures exits in a row, the waiting calls fail with the last one", async () => {
    const { adapter, pool } = startingAs(["exit", "exit", "exit"], { maxStartFailures: 2 });
    const call = track(pool.apply("task", ["x"]));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.error).toBeInstanceOf(WorkerExitError);
    expect((call.error as Error).message).toMatch(/during start-up/);
    expect(adapter.workers).toHaveLength(2);
    // The pool goes on: a later call gets fresh tries (the third worker exits, the fourth starts).
    const later = track(pool.apply("task", ["y"]));
    await answerAll(adapter, () => later.state !== "pending");
    expect(later.value).toBe("y");
    expect(adapter.workers).toHaveLength(4);
  });

  it("a worker killed by a signal while it starts is not the tasks' fault: they keep waiting", async () => {
    const { adapter, pool } = startingAs(["kill", "kill", "kill", "kill"], { maxStartFailures: 2 });
    const call = track(pool.apply("task", ["x"]));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.value).toBe("x");
    expect(adapter.workers).toHaveLength(5);
  });

  it("a worker that starts resets the count of failures in a row", async () => {
    const { adapter, pool } = startingAs(["exit", "ready", "exit", "exit"], { maxStartFailures: 3 });
    const first = track(pool.apply("task", [1]));
    await answerAll(adapter, () => first.state !== "pending");
    (adapter.workers[1] as FakeWorker).die(1); // the ready one goes; two more fail to start, one starts
    await settle();
    const second = track(pool.apply("task", [2]));
    await answerAll(adapter, () => second.state !== "pending");
    expect([first.value, second.value]).toEqual([1, 2]);
  });

  it("a module that throws at import: its workers are ended, and after maxStartFailures the calls fail with ModuleLoadError", async () => {
    const { adapter, pool } = startingAs(["init-throws", "init-throws"], { maxStartFailures: 2 });
    const call = track(pool.apply("task", ["x"]));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.error).toBeInstanceOf(ModuleLoadError);
    expect((call.error as Error).message).toMatch(/thrown at import/);
    expect(adapter.workers.map((w) => w.terminations[0])).toEqual(["SIGTERM", "SIGTERM"]);
  });

  it("a module that is not there fails the calls at the first failure: no other worker tries", async () => {
    const { adapter, pool } = startingAs(["init-failed", "init-failed"], { maxStartFailures: 3 });
    const call = track(pool.apply("task", ["x"]));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.error).toBeInstanceOf(ModuleLoadError);
    expect((call.error as Error).message).toMatch(/Cannot find module/);
    expect(adapter.workers).toHaveLength(1);
  });

  it("an adapter that cannot start a worker at all fails the waiting calls with WorkerStartError", async () => {
    const adapter = fakeAdapter({ spawnError: new Error("no threads left") });
    const pool = newPool({ module, workers: 1 }, adapter);
    const error = await pool.apply("task", ["x"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStartError);
    expect((error as Error).message).toMatch(/no threads left/);
  });

  it("names each worker after its kind and number", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 2 }, adapter);
    pool.apply("task", [1]);
    pool.apply("task", [2]);
    await settle();
    expect(adapter.workers.map((w) => ({ kind: w.spawnedAs?.kind, name: w.spawnedAs?.name }))).toEqual([
      { kind: "thread", name: "multiproc-thread-1" },
      { kind: "thread", name: "multiproc-thread-2" },
    ]);
  });

  it("offers each worker its init message at spawn, and sends it only where the handle did not take it", async () => {
    for (const takesInit of [true, undefined] as const) {
      const adapter = fakeAdapter({ takesInit });
      const pool = newPool({ module, workers: 1, initializer: "setUp" }, adapter);
      const result = pool.apply("task", [1]);
      await settle();
      const worker = adapter.workers[0] as FakeWorker;
      expect(worker.spawnedAs?.init).toMatchObject({ t: "init", module, initializer: "setUp" });
      expect(worker.tookInit).toBe(takesInit === true);
      expect(worker.sentTypes[0]).toBe(takesInit ? "call" : "init");
      expect(worker.sentTypes.filter((t) => t === "init")).toHaveLength(takesInit ? 0 : 1);
      worker.answerMany(1);
      expect(await result).toBeDefined();
      await pool.terminate();
    }
  });

  it("offers no init at spawn when it holds initArgs: their clone errors must come from a send", async () => {
    const adapter = fakeAdapter({ takesInit: true });
    const pool = newPool({ module, workers: 1, initializer: "setUp", initArgs: [1] }, adapter);
    pool.apply("task", [1]).catch(() => {}); // ended by terminate() below
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    expect(worker.spawnedAs?.init).toBeUndefined();
    expect(worker.tookInit).toBe(false);
    expect(worker.sentTypes[0]).toBe("init");
    await pool.terminate();
  });
});

describe("replies and sends", () => {
  it("an error reply becomes TaskError, UnknownTaskError or SerializationError, and the pool goes on", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, concurrency: 3 }, adapter);
    const calls = [1, 2, 3, 4].map((i) => track(pool.apply("task", [i])));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    worker.failOne({ name: "RangeError", message: "out of range" });
    worker.failOne({ name: "UnknownTaskError", message: "no export" }, "unknown-task");
    worker.failOne({ name: "DataCloneError", message: "cannot clone" }, "unsendable-result");
    worker.answerOne();
    await settle();
    expect(calls[0]?.error).toBeInstanceOf(TaskError);
    expect(calls[0]?.error).toMatchObject({ name: "RangeError", message: "out of range", task: "task" });
    expect(calls[1]?.error).toBeInstanceOf(UnknownTaskError);
    expect(calls[1]?.error).toHaveProperty("available", ["a", "b"]);
    expect(calls[2]?.error).toBeInstanceOf(SerializationError);
    expect(calls[2]?.error).toHaveProperty("message", expect.stringMatching(/cannot clone/));
    expect(calls[3]?.value).toBe(4);
  });

  it("arguments that cannot be cloned fail that call alone, even when sent in one batch with others", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, concurrency: 3 }, adapter);
    await settle();
    const calls = [
      track(pool.apply("task", [1])),
      track(pool.apply("task", [() => 2])),
      track(pool.apply("task", [3])),
    ];
    await answerAll(adapter, () => calls.every((c) => c.state !== "pending"));
    expect(calls[1]?.error).toBeInstanceOf(SerializationError);
    expect(calls[1]?.error).toHaveProperty("message", expect.stringMatching(/arguments/));
    expect([calls[0]?.value, calls[2]?.value]).toEqual([1, 3]);
  });

  it("calls sent together carry every one of their transfer lists", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, concurrency: 2 }, adapter);
    const [a, b, c] = [new ArrayBuffer(1), new ArrayBuffer(2), new ArrayBuffer(3)];
    track(pool.apply("task", [a], { transfer: [a] }));
    track(pool.apply("task", [b], { transfer: [b] })); // both go in one message once the worker is up
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    worker.answerOne();
    await settle();
    track(pool.apply("task", [c], { transfer: [c] })); // alone in its message
    await settle();
    expect(worker.transfers).toEqual([[a, b], [c]]);
    await pool.terminate();
  });

  it("a crash fails the running call with the exit code and the runtime's reason", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1 }, adapter);
    const call = track(pool.apply("task", [1]));
    await settle();
    (adapter.workers[0] as FakeWorker).die(7, null, new RangeError("heap exhausted"));
    await settle();
    expect(call.error).toBeInstanceOf(WorkerExitError);
    expect(call.error).toMatchObject({ exitCode: 7, task: "task" });
    expect((call.error as Error).message).toMatch(/RangeError: heap exhausted/);
    expect((call.error as Error).message).not.toMatch(/to stop another task/);
    const next = track(pool.apply("task", [2]));
    await settle();
    (adapter.workers[1] as FakeWorker).die(null, "SIGKILL", "out of memory");
    await settle();
    expect(next.error).toMatchObject({ signal: "SIGKILL", message: expect.stringMatching(/out of memory/) });
  });
});

describe("idle, retired and ended workers", () => {
  it("an idle worker lets the program exit, ends after idleTimeout, and a new one starts for the next call", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, idleTimeout: 100 }, adapter);
    const first = track(pool.apply("task", [1]));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    expect(worker.referenced).toBe(true); // busy: keeps the program alive
    worker.answerOne();
    await settle();
    expect(first.value).toBe(1);
    expect(worker.referenced).toBe(false);
    vi.advanceTimersByTime(60);
    const second = track(pool.apply("task", [2])); // work came in time: the timer is off
    await settle();
    vi.advanceTimersByTime(100);
    await settle();
    expect(worker.alive).toBe(true);
    worker.answerOne();
    await settle();
    expect(second.value).toBe(2);
    vi.advanceTimersByTime(99);
    await settle();
    expect(worker.alive).toBe(true);
    vi.advanceTimersByTime(1);
    await settle();
    expect(worker.alive).toBe(false);
    expect(pool.workerCount).toBe(0);
    const third = track(pool.apply("task", [3]));
    await answerAll(adapter, () => third.state !== "pending");
    expect(third.value).toBe(3);
    expect(adapter.workers).toHaveLength(2);
  });

  it("maxTasksPerWorker retires a worker after that many calls; a new one takes the rest", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, maxTasksPerWorker: 2 }, adapter);
    const calls = [1, 2, 3, 4, 5].map((i) => track(pool.apply("task", [i])));
    await answerAll(adapter, () => calls.every((c) => c.state !== "pending"));
    expect(calls.map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
    expect(adapter.workers.map((w) => w.calls.length)).toEqual([2, 2, 1]);
  });

  it("terminate() sends SIGTERM, then SIGKILL after terminateGrace to a worker still alive", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, terminateGrace: 500 }, adapter);
    track(pool.apply("task", [1]));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    worker.ignoresSigterm = true;
    const ended = track(pool.terminate());
    await settle();
    expect(worker.terminations).toEqual(["SIGTERM"]);
    vi.advanceTimersByTime(499);
    await settle();
    expect(worker.alive).toBe(true);
    vi.advanceTimersByTime(1);
    await settle();
    expect(worker.terminations).toEqual(["SIGTERM", "SIGKILL"]);
    expect(ended.state).toBe("ok");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("terminateGrace: 0 sends SIGKILL right after SIGTERM, without waiting", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, terminateGrace: 0 }, adapter);
    track(pool.apply("task", [1]));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    worker.ignoresSigterm = true;
    const ended = track(pool.terminate());
    vi.advanceTimersByTime(0);
    await settle();
    expect(worker.terminations).toEqual(["SIGTERM", "SIGKILL"]);
    expect(worker.alive).toBe(false);
    expect(ended.state).toBe("ok");
  });

  it("a worker that ends on SIGTERM leaves no SIGKILL timer behind", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1 }, adapter);
    track(pool.apply("task", [1]));
    await settle();
    await pool.terminate();
    expect(adapter.workers[0]?.terminations).toEqual(["SIGTERM"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("join() needs close() first, then waits until every worker has exited", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1 }, adapter);
    await expect(pool.join()).rejects.toBeInstanceOf(InvalidStateError);
    const call = track(pool.apply("task", [1]));
    await settle();
    pool.close();
    const joined = track(pool.join());
    await settle();
    expect(joined.state).toBe("pending"); // the call still runs
    const worker = adapter.workers[0] as FakeWorker;
    worker.lingers = true; // it takes its time to exit
    worker.answerOne();
    await settle();
    expect(call.value).toBe(1);
    expect(joined.state).toBe("pending");
    worker.die(0);
    await settle();
    expect(joined.state).toBe("ok");
  });

  it("a call that settles leaves no timer or abort listener behind", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1 }, adapter);
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, "removeEventListener");
    const call = track(pool.apply("task", [1], { timeout: 60_000, signal: controller.signal }));
    await answerAll(adapter, () => call.state !== "pending");
    expect(call.value).toBe(1);
    expect(vi.getTimerCount()).toBe(0); // a 60 s timer would keep the program alive
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
    await pool.terminate();
  });
});

describe("workers that end for their memory, or cannot be ended", () => {
  it("a worker ended past maxMemory rejects its task with MemoryLimitError and is replaced", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, maxMemory: 64 }, adapter);
    const call = track(pool.apply("task", [1]));
    await settle();
    const first = adapter.workers[0] as FakeWorker;
    expect(first.spawnedAs).toMatchObject({ maxMemory: 64 });
    first.die(null, "SIGKILL", undefined, { limitMiB: 64, usedMiB: 80 });
    await settle();
    expect(call.error).toBeInstanceOf(MemoryLimitError);
    expect(call.error).toMatchObject({ limitMiB: 64, usedMiB: 80, signal: "SIGKILL" });
    const next = track(pool.apply("task", [2]));
    await answerAll(adapter, () => next.state !== "pending");
    expect(next.value).toBe(2);
    expect(adapter.workers).toHaveLength(2);
  });

  it("a worker past maxMemory during start-up counts as a start failure (no endless restarts)", async () => {
    const adapter = fakeAdapter({ startup: () => "slow" });
    const pool = newPool({ module, workers: 1, maxMemory: 8, maxStartFailures: 2 }, adapter);
    const call = track(pool.apply("task", [1]));
    for (let i = 0; i < 2; i++) {
      await settle();
      const worker = adapter.workers[i] as FakeWorker;
      expect(worker.calls).toEqual([]); // never ready: the call still waits in the queue
      worker.die(null, "SIGKILL", undefined, { limitMiB: 8, usedMiB: 40 });
    }
    await settle();
    expect(call.error).toBeInstanceOf(MemoryLimitError);
    expect((call.error as Error).message).toMatch(/maxMemory, 8 MiB/);
    expect(adapter.workers).toHaveLength(2); // no third try: the failures counted
  });

  it("terminate() returns although a worker cannot be ended; stats() counts it until it does end", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, terminateGrace: 10 }, adapter);
    const call = track(pool.apply("task", [1]));
    await settle();
    const worker = adapter.workers[0] as FakeWorker;
    worker.stuck = true;
    const ended = track(pool.terminate());
    vi.advanceTimersByTime(20);
    await settle();
    expect(ended.state).toBe("ok");
    expect(call.error).toBeInstanceOf(PoolClosedError);
    expect(pool.stats().workers.total).toBe(1);
    expect(pool.workerCount).toBe(1);
    worker.die(1); // its loop ended at last
    await settle();
    expect(pool.workerCount).toBe(0);
  });
});

describe("minWorkers", () => {
  it("starts that many workers when the pool is made, before any call; more than workers is refused", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 3, minWorkers: 2 }, adapter);
    expect(adapter.workers).toHaveLength(2);
    await settle();
    expect(pool.stats().workers).toMatchObject({ total: 2, idle: 2, starting: 0 });
    const calls = [1, 2, 3].map((i) => track(pool.apply("task", [i])));
    await answerAll(adapter, () => calls.every((c) => c.state !== "pending"));
    expect(adapter.workers).toHaveLength(3); // the third only when calls needed it
    expect(() => newPool({ module, workers: 2, minWorkers: 3 }, fakeAdapter())).toThrow(
      "minWorkers (3) must not be more than workers (2)",
    );
    expect(fakeAdapter().workers).toHaveLength(0);
    expect(newPool({ module, workers: 2 }, adapter).workerCount).toBe(0); // default: none until calls come
  });
});
