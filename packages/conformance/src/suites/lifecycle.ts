// close() + join() finish every accepted task; terminate() rejects the unfinished ones; dispose is graceful.
import { InvalidStateError, PoolClosedError } from "@multiproc/core";
import { expect, it } from "vitest";
import type { Context } from "../context.ts";

export function lifecycleTests(ctx: Context): void {
  it("close() then join() finishes every accepted task and ends every worker", async () => {
    const pool = ctx.pool({ workers: 2 });
    const results = [30, 20, 10, 40, 5, 15].map((ms) => pool.apply("sleep", [ms]));
    pool.close();
    await pool.join();
    expect(await Promise.all(results)).toEqual([30, 20, 10, 40, 5, 15]);
    expect(pool.workerCount).toBe(0);
  });

  it("join() before close() is refused with InvalidStateError", async () => {
    const pool = ctx.pool();
    await expect(pool.join()).rejects.toBeInstanceOf(InvalidStateError);
  });

  it("terminate() rejects running and queued tasks with PoolClosedError and ends every worker", async () => {
    const pool = ctx.pool({ workers: 1 });
    await pool.apply("square", [1]);
    const running = expect(pool.apply("sleep", [5000])).rejects.toThrow(/terminated (while|before)/);
    const queued = expect(pool.apply("sleep", [1])).rejects.toThrow(/terminated before/);
    await pool.terminate();
    await running;
    await queued;
    await expect(pool.apply("sleep", [1])).rejects.toBeInstanceOf(PoolClosedError);
    expect(pool.workerCount).toBe(0);
    await expect(pool.apply("square", [1])).rejects.toThrow(/terminated/);
  });

  it("terminate() also rejects the tasks still waiting in the pool's own queue", async () => {
    // prefetch 0: nothing is sent ahead, so the waiting tasks are in the pool's queue, not a worker's.
    const pool = ctx.pool({ workers: 1, prefetch: 0 });
    await pool.apply("square", [1]);
    const running = pool.apply("sleep", [5000]).catch((e: unknown) => e);
    const waiting = [1, 2, 3].map((ms) => pool.apply("sleep", [ms]).catch((e: unknown) => e));
    await pool.terminate();
    expect(await running).toBeInstanceOf(PoolClosedError);
    for (const error of await Promise.all(waiting)) {
      expect(error).toBeInstanceOf(PoolClosedError);
      expect((error as Error).message).toMatch(/terminated before/);
    }
    expect(pool.workerCount).toBe(0);
  });

  it("Symbol.asyncDispose closes and joins, so awaited work is never cut short", async () => {
    const pool = ctx.pool({ workers: 1 });
    const pending = pool.apply("sleep", [50, "kept"]);
    await pool[Symbol.asyncDispose]();
    expect(await pending).toBe("kept");
    expect(pool.workerCount).toBe(0);
  });

  it("a pool that was never used closes and joins at once", async () => {
    const pool = ctx.pool();
    pool.close();
    await pool.join();
    expect(pool.workerCount).toBe(0);
  });
}
