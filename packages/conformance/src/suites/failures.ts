// A task that throws, a worker that dies: the right typed error for exactly that task, and the pool goes on.
import { TaskError, WorkerExitError } from "@multiproc/core";
import { expect, it } from "vitest";
import type { Context } from "../context.ts";
import { scratchFiles } from "./scratch-files.ts";

export function failureTests(ctx: Context): void {
  const scratch = scratchFiles(ctx);

  ctx.itWith(
    ["withdraw", "scratch"],
    "a map that fails withdraws its chunks that no worker has yet: they never run",
    async () => {
      const pool = ctx.pool({ workers: 1, prefetch: 0 });
      const file = scratch("withdrawn");
      const items = Array.from({ length: 20 }, (_, i) => [file, i, 1]);
      const error = await pool.starmap("recordUnless", items, { chunksize: 1 }).catch((e: unknown) => e);
      expect((error as Error).message).toBe("item 1 is bad");
      pool.close();
      await pool.join(); // no withdrawn chunk runs meanwhile
      const ran = (await ctx.files.exists(file)) ? (await ctx.files.read(file)).trim().split("\n") : [];
      expect(ran.slice(0, 2)).toEqual(["0", "1"]);
      expect(ran.length).toBeLessThan(items.length / 2); // the rest left the queue
    },
  );

  it("a task that throws rejects with the same name and message, the worker's stack, and the pool goes on", async () => {
    const pool = ctx.pool({ workers: 1 });
    const error = await pool.apply("fail", ["out of range"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("RangeError");
    expect((error as Error).message).toBe("out of range");
    expect((error as Error).stack).toMatch(/fail/);
    expect((error as TaskError).task).toBe("fail");
    expect((error as TaskError).module).toMatch(/tasks\.mjs$/);
    await expect(pool.apply("failLater", ["async too"])).rejects.toMatchObject({
      name: "TypeError",
      message: "async too",
    });
    expect(await pool.apply("square", [3])).toBe(9);
  });

  it("a thrown non-Error value still rejects with a readable error", async () => {
    const pool = ctx.pool();
    await expect(pool.apply("throwString")).rejects.toThrow(/a plain string/);
  });

  it("an error in one map item rejects the map", async () => {
    const pool = ctx.pool();
    await expect(pool.map("fail", ["x", "y"])).rejects.toBeInstanceOf(TaskError);
  });

  it("imap throws a failed item's error at its place, after the items before it", async () => {
    const pool = ctx.pool({ workers: 1 });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const y of pool.imap("echo", [1, 2, () => 3, 4])) seen.push(y);
    };
    await expect(run()).rejects.toThrow(/cannot be sent/);
    expect(seen).toEqual([1, 2]);
    const failing: unknown[] = [];
    const runFailing = async () => {
      for await (const y of pool.imap("fail", ["first"])) failing.push(y);
    };
    await expect(runFailing()).rejects.toMatchObject({ name: "RangeError", message: "first" });
    expect(failing).toEqual([]);
  });

  ctx.itWith(
    ["crash", "exitCode"],
    "a worker that exits mid-task rejects that task with WorkerExitError and is replaced",
    async () => {
      const pool = ctx.pool({ workers: 2 });
      const others = pool.map("sleep", [100, 120, 140, 160], { chunksize: 1 });
      const error = await pool.apply("exitWorker", [7]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).exitCode).toBe(7);
      expect((error as WorkerExitError).task).toBe("exitWorker");
      expect(await others).toEqual([100, 120, 140, 160]);
      expect(await pool.map("square", [1, 2, 3])).toEqual([1, 4, 9]);
    },
  );

  ctx.itWith(
    "crash",
    "an uncaught error at the worker's top level rejects the running task; the pool goes on",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const error = await pool.apply("throwUncaught", ["escaped"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).exitCode).toBe(1); // as the runtime ends a program on one
      expect(await pool.apply("square", [3])).toBe(9);
    },
  );

  ctx.itWith("crash", "calls sent ahead to a worker that dies run once on its replacement", async () => {
    const pool = ctx.pool({ workers: 1 });
    await pool.map("square", [1, 2, 3, 4, 5, 6], { chunksize: 1 }); // short tasks: prefetch is on
    const crash = pool.apply("exitWorker", [5]).catch((e: unknown) => e);
    // More calls than are sent ahead (prefetch 64 at most): those sent ahead must come back before those still queued.
    const after = Array.from({ length: 80 }, () => pool.apply("nextInSequence"));
    expect(await crash).toBeInstanceOf(WorkerExitError);
    // Each ran exactly once, in order, on the new worker (whose sequence starts again at 1).
    expect(await Promise.all(after)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
  });

  ctx.itWith("crash", "a result sent just before the task's own process.exit() still arrives", async () => {
    const pool = ctx.pool({ workers: 1 });
    expect((await pool.apply("resultThenExit", [4_000_000])).length).toBe(4_000_000);
    expect(await pool.apply("square", [4])).toBe(16); // sent to the ending worker, it runs on the next
  });

  ctx.itWith("signals", "a worker process killed by SIGKILL rejects its task with the signal", async () => {
    const pool = ctx.pool({ workers: 1 });
    const error = await pool.apply("killOwnProcess").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect((error as WorkerExitError).signal).toBe("SIGKILL");
    expect(await pool.apply("square", [5])).toBe(25);
  });
}
