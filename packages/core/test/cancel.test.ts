// timeout and signal on a call its worker is running: the call rejects at once, its worker is
// killed (a stop would wait for the very call that must end), and the next call runs on a new one.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Pool } from "../src/adapter-api.ts";
import { AbortError, TimeoutError, WorkerExitError } from "../src/index.ts";
import { newPool } from "./bound.ts";
import { type FakeWorker, fakeAdapter, settle, track } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

/** A pool of one worker, up and running `call` (a call it has been sent and not answered). */
async function running(options: { timeout?: number; signal?: AbortSignal }) {
  const adapter = fakeAdapter();
  const pool = newPool({ module, workers: 1 }, adapter);
  const call = track(pool.apply("task", ["long"], options));
  await settle();
  const worker = adapter.workers[0] as FakeWorker;
  expect(worker.unanswered().map((c) => c.args[0])).toEqual(["long"]);
  return { adapter, pool, call, worker };
}

/** The worker was killed, a new one started, and it runs the next call. */
async function replaced(adapter: ReturnType<typeof fakeAdapter>, pool: Pool, worker: FakeWorker) {
  expect(worker.terminations).toEqual(["SIGKILL"]);
  expect(worker.alive).toBe(false);
  const next = track(pool.apply("task", ["next"]));
  await settle();
  const fresh = adapter.workers[1] as FakeWorker;
  expect(fresh).toBeDefined();
  fresh.answerOne();
  await settle();
  expect(next.value).toBe("next");
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("cancelling a running call", () => {
  it("timeout rejects it with TimeoutError and replaces its worker", async () => {
    const { adapter, pool, call, worker } = await running({ timeout: 100 });
    vi.advanceTimersByTime(100);
    await settle();
    expect(call.error).toBeInstanceOf(TimeoutError);
    await replaced(adapter, pool, worker);
  });

  it("abort rejects it with AbortError carrying the reason, and replaces its worker", async () => {
    const controller = new AbortController();
    const { adapter, pool, call, worker } = await running({ signal: controller.signal });
    controller.abort("stop now");
    await settle();
    expect(call.error).toBeInstanceOf(AbortError);
    expect((call.error as AbortError).reason).toBe("stop now");
    await replaced(adapter, pool, worker);
  });

  it("a late answer from the killed worker changes nothing", async () => {
    const { pool, call, worker } = await running({ timeout: 5 });
    vi.advanceTimersByTime(5);
    worker.answerOne(); // arrives before the kill takes effect
    await settle();
    expect(call.error).toBeInstanceOf(TimeoutError);
    pool.close();
    await pool.join();
  });

  it("other calls on the killed worker fail with a WorkerExitError that says why", async () => {
    const adapter = fakeAdapter();
    const pool = newPool({ module, workers: 1, concurrency: 2 }, adapter);
    const bystander = track(pool.apply("task", ["other"]));
    const call = track(pool.apply("task", ["long"], { timeout: 10 }));
    await settle();
    vi.advanceTimersByTime(10);
    await settle();
    expect(call.error).toBeInstanceOf(TimeoutError);
    expect(bystander.error).toBeInstanceOf(WorkerExitError);
    expect((bystander.error as Error).message).toMatch(/ended to stop another task/);
  });
});
