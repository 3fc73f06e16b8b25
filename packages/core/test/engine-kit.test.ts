// The engine kit on its own, with plain tasks: what every engine (core's, tinypool's, BullMQ's)
// relies on for admission, timeouts and aborts, settling once, and the drain.
import { describe, expect, it } from "vitest";
import { type CallRequest, EngineKit, type KitHooks, Task } from "../src/adapter-api.ts";
import {
  AbortError,
  InvalidArgumentError,
  InvalidStateError,
  type MultiprocError,
  PoolClosedError,
  QueueFullError,
  TimeoutError,
} from "../src/index.ts";
import { track } from "./fake-adapter.ts";

const sizing = { workers: 1, concurrency: 1, maxQueue: 1, module: "file:///tasks.mjs" };

function kit(hooks: Partial<KitHooks<Task>> = {}) {
  const stops: [Task, MultiprocError][] = [];
  let shutdowns = 0;
  const k = new EngineKit<Task>(sizing, {
    stop: (task, error) => stops.push([task, error]),
    shutdown: () => {
      shutdowns++;
    },
    ...hooks,
  });
  let id = 0;
  const take = (request: CallRequest) => {
    const task = new Task(++id, request);
    k.track(task, request);
    return task;
  };
  return { k, stops, take, shutdowns: () => shutdowns };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("EngineKit", () => {
  it("refuses bad input, a closed pool, a full queue and an aborted signal; chunks do not count against maxQueue", () => {
    const { k, take } = kit();
    expect(k.refuse({ task: "", args: [] })).toBeInstanceOf(InvalidArgumentError);
    expect(k.refuse({ task: "f", args: [], options: { timeout: -1 } })).toBeInstanceOf(InvalidArgumentError);
    expect(k.refuse({ task: "f", args: [], options: { signal: AbortSignal.abort() } })).toBeInstanceOf(
      AbortError,
    );
    // One runs (workers × concurrency) and maxQueue 1 may wait: the third is refused.
    take({ task: "f", args: [] });
    take({ task: "f", args: [] });
    expect(k.unsettled).toBe(2);
    expect(k.refuse({ task: "f", args: [] })).toBeInstanceOf(QueueFullError);
    expect(k.refuse({ task: "f", args: [], chunk: "items" })).toBeUndefined();
    k.close();
    expect(k.refuse({ task: "f", args: [] })?.message).toMatch(/closed: no new tasks/);
    k.beginTermination();
    const refused = k.refuse({ task: "f", args: [] });
    expect(refused).toBeInstanceOf(PoolClosedError);
    expect(refused?.message).toMatch(/terminated: no new tasks/);
  });

  it("stops a call at its timeout or its signal with the typed error, and never after it settled", async () => {
    const { k, stops, take } = kit();
    const timed = take({ task: "slow", args: [], options: { timeout: 5 } });
    const controller = new AbortController();
    const aborted = take({ task: "f", args: [], options: { signal: controller.signal } });
    controller.abort(new Error("no more"));
    expect(stops.map(([task, error]) => [task, error.constructor])).toEqual([[aborted, AbortError]]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stops[1]?.[0]).toBe(timed);
    expect(stops[1]?.[1]).toBeInstanceOf(TimeoutError);
    expect(stops[1]?.[1].message).toMatch(/task "slow"/);
    // Settled first: its timer and listener are gone.
    const other = new AbortController();
    const done = take({ task: "f", args: [], options: { timeout: 5, signal: other.signal } });
    k.settle(done, true, 1);
    other.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stops).toHaveLength(2);
  });

  it("settles a call once: the first outcome wins, and it counts once", async () => {
    const { k, take } = kit();
    const task = take({ task: "f", args: [] });
    const outcome = track(task.promise);
    expect(k.settle(task, true, "first")).toBe(true);
    expect(k.settle(task, false, new Error("late"))).toBe(false);
    await tick();
    expect(outcome).toMatchObject({ state: "ok", value: "first" });
    expect(k.unsettled).toBe(0);
    expect(task.succeeded).toBe(true);
  });

  it("join() needs close() first; the drain waits for every call, then for the shutdown, which runs once", async () => {
    let finishShutdown = () => {};
    let shutdowns = 0;
    const { k, take } = kit({
      shutdown: () => {
        shutdowns++;
        return new Promise<void>((resolve) => {
          finishShutdown = resolve;
        });
      },
    });
    await expect(k.join()).rejects.toBeInstanceOf(InvalidStateError);
    const task = take({ task: "f", args: [] });
    k.close();
    const joined = track(k.join());
    await tick();
    expect(shutdowns).toBe(0); // a call is still out
    k.settle(task, true, 1);
    await tick();
    expect(shutdowns).toBe(1);
    expect(joined.state).toBe("pending"); // the shutdown has not finished
    finishShutdown();
    await tick();
    expect(joined.state).toBe("ok");
    k.close();
    await k.join();
    expect(shutdowns).toBe(1);
  });

  it("says how terminate() ended a call: before it started, while it ran, or before it finished", () => {
    const { k } = kit();
    expect(k.terminatedError("f", false).message).toMatch(/terminated before the task started \(task "f"/);
    expect(k.terminatedError("f", true).message).toMatch(/terminated while the task ran/);
    expect(k.terminatedError("f", undefined).message).toMatch(/terminated before the task finished/);
  });
});
