// Seeing inside a pool: stats() says what it is doing and has done; "drain", "workerstart" and
// "workerexit" say it as it happens, so a producer can wait for room instead of polling.
import type { PoolStats, WorkerEvent } from "@multiproc/core";
import { expect, it } from "vitest";
import { type Context, sleep } from "../context.ts";

export function statsAndEventsTests(ctx: Context): void {
  it("stats() counts queued, running, completed and failed calls, and times recent ones", async () => {
    const pool = ctx.pool({ workers: 1, prefetch: 0 });
    const first = pool.stats();
    expect(first).toMatchObject({ queued: 0, running: 0, completed: 0, failed: 0 });
    expect(first.runTime).toEqual({ p50: undefined, p99: undefined });
    const calls = [pool.apply("sleep", [150]), pool.apply("square", [3]), pool.apply("square", [4])];
    await new Promise((resolve) => setTimeout(resolve, 60));
    const busy = pool.stats();
    expect(busy.running + busy.queued).toBe(3);
    expect(busy.queued).toBeGreaterThanOrEqual(1);
    await Promise.all(calls);
    await pool.apply("fail", ["x"]).catch(() => {});
    const after: PoolStats = pool.stats();
    expect(after).toMatchObject({ queued: 0, running: 0, completed: 3, failed: 1 });
    expect(after.runTime.p99).toBeGreaterThanOrEqual(100); // the sleep of 150 ms is among them
    expect(after.runTime.p50).toBeGreaterThanOrEqual(0);
    expect(after.waitTime.p99).toBeGreaterThanOrEqual(0);
    if (after.utilization !== undefined) {
      expect(after.utilization).toBeGreaterThan(0);
      expect(after.utilization).toBeLessThanOrEqual(1);
    }
  });

  ctx.itWith(
    "workerEvents",
    "stats() counts workers; workerstart and workerexit say which, and how it ended",
    async () => {
      const pool = ctx.pool({ workers: 2 });
      const started: WorkerEvent[] = [];
      const exited: WorkerEvent[] = [];
      pool.addEventListener("workerstart", (event) => started.push(event));
      pool.addEventListener("workerexit", (event) => exited.push(event));
      await Promise.all([pool.apply("sleep", [80]), pool.apply("sleep", [80])]);
      // On a loaded machine the second worker may still be starting (the first ran both calls).
      for (let i = 0; i < 100 && pool.stats().workers.starting > 0; i++) await sleep(20);
      expect(pool.stats().workers).toMatchObject({ total: 2, busy: 0, idle: 2, starting: 0 });
      expect(started).toHaveLength(2);
      expect(started.every((e) => e.kind === ctx.kind && e.type === "workerstart")).toBe(true);
      pool.close();
      await pool.join();
      expect(exited.map((e) => [e.type, e.exitCode, e.signal])).toEqual([
        ["workerexit", 0, null],
        ["workerexit", 0, null],
      ]);
      expect(new Set(exited.map((e) => e.pid))).toEqual(new Set(started.map((e) => e.pid)));
      expect(pool.stats().workers.total).toBe(0);
    },
  );

  it('"drain" fires once the calls that waited have all gone to a worker', async () => {
    const pool = ctx.pool({ workers: 1, prefetch: 0 });
    let drains = 0;
    let queuedAtDrain = -1;
    pool.addEventListener("drain", () => {
      drains++;
      queuedAtDrain = pool.stats().queued;
    });
    const calls = [1, 2, 3, 4].map(() => pool.apply("sleep", [30]));
    await Promise.all(calls);
    expect(drains).toBeGreaterThanOrEqual(1);
    expect(queuedAtDrain).toBe(0);
  });

  ctx.itWith("workerEvents", "minWorkers starts workers when the pool is made, before any call", async () => {
    const pool = ctx.pool({ workers: 2, minWorkers: 2 });
    expect(pool.workerCount).toBe(2);
    for (let i = 0; i < 200 && pool.stats().workers.idle < 2; i++) await sleep(20);
    expect(pool.stats().workers).toMatchObject({ total: 2, idle: 2, starting: 0 });
    expect(await pool.map("square", [1, 2, 3])).toEqual([1, 4, 9]);
  });
}
