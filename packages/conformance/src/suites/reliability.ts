// Faults that must never cost a task or hang a program: deaths during start-up, exits inside
// tasks, signals ignored at shutdown, unsendable values, and sources that throw.

import { InvalidArgumentError, SerializationError, WorkerExitError } from "@multiproc/core";
import { afterEach, expect, it } from "vitest";
import { type Context, fixtures, sleep } from "../context.ts";
import { scratchFiles } from "./scratch-files.ts";

export function reliabilityTests(ctx: Context): void {
  const scratch = scratchFiles(ctx);
  afterEach(() => {
    ctx.env?.delete("MULTIPROC_EXIT_AT_IMPORT");
  });
  /** The module that ends its worker at import, told how (workers inherit the environment). */
  const moduleWith = (how: { once?: string; how?: "kill" | "abort" }) => {
    ctx.env?.set("MULTIPROC_EXIT_AT_IMPORT", JSON.stringify(how));
    return fixtures.exitsAtImport;
  };

  ctx.itWith(
    ["crash", "env", "scratch"],
    "a worker that exits during start-up is replaced and the waiting tasks run",
    async () => {
      const marker = scratch("exit-once");
      const pool = ctx.pool({ module: moduleWith({ once: marker }), workers: 1 });
      expect(await pool.map("square", [1, 2, 3], { chunksize: 1 })).toEqual([1, 4, 9]);
      expect(await ctx.files.exists(marker)).toBe(true); // a worker did die first
    },
  );

  ctx.itWith(
    ["signals", "env", "scratch"],
    "a worker killed by SIGKILL during start-up is replaced; no task fails",
    async () => {
      const marker = scratch("kill-once");
      const pool = ctx.pool({ module: moduleWith({ once: marker, how: "kill" }), workers: 2 });
      expect(await pool.map("square", [1, 2, 3, 4], { chunksize: 1 })).toEqual([1, 4, 9, 16]);
      expect(await ctx.files.exists(marker)).toBe(true);
    },
  );

  ctx.itWith(
    ["crash", "env", "exitCode"],
    "workers that always exit during start-up reject the tasks after maxStartFailures tries",
    async () => {
      const pool = ctx.pool({ module: moduleWith({}), workers: 1, maxStartFailures: 2 });
      const error = await pool.apply("square", [2]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).exitCode).toBe(5);
      expect((error as Error).message).toMatch(/during start-up/);
    },
  );

  ctx.itWith(
    ["signals", "env"],
    "workers that crash (SIGABRT) during start-up count as failures: the tasks are rejected",
    async () => {
      const pool = ctx.pool({ module: moduleWith({ how: "abort" }), workers: 1, maxStartFailures: 2 });
      const error = await pool.apply("square", [2]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).signal).toBe("SIGABRT");
    },
  );

  it("a call whose transfer list cannot be transferred fails alone, run nowhere; the others run once", async () => {
    const pool = ctx.pool({ workers: 1, concurrency: 3 });
    await pool.apply("square", [1]); // the worker is up: the next three go in one message
    const view = new Uint8Array(8); // a view: only its buffer can be transferred
    const [a, b, c] = await Promise.allSettled([
      pool.apply("nextInSequence"),
      pool.apply("byteLength", [view], { transfer: [view] }),
      pool.apply("nextInSequence"),
    ]);
    expect(a).toEqual({ status: "fulfilled", value: 1 });
    expect(b.status).toBe("rejected");
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(SerializationError);
    expect(c).toEqual({ status: "fulfilled", value: 2 });
    expect(await pool.apply("nextInSequence")).toBe(3); // nothing ran twice
  });

  it("a call that cannot be sent does not strand the calls queued behind it", async () => {
    const pool = ctx.pool({ workers: 1 });
    const first = pool.apply("sleep", [50]);
    const unsendable = pool.apply("echo", [() => 1]).catch((e: unknown) => e);
    const after = pool.apply("echo", [3]);
    expect(await first).toBe(50);
    expect(await unsendable).toBeInstanceOf(SerializationError);
    expect(await after).toBe(3);
  });

  it("maxStartFailures and terminateGrace are checked", () => {
    const make = (options: object) => () => ctx.makePool({ module: ctx.host.tasks, ...options });
    expect(make({ maxStartFailures: 0 })).toThrow(InvalidArgumentError);
    expect(make({ maxStartFailures: 1.5 })).toThrow(InvalidArgumentError);
    expect(make({ terminateGrace: -1 })).toThrow(InvalidArgumentError);
  });

  it("initArgs that cannot be cloned are refused when the pool is made", () => {
    expect(() => ctx.makePool({ module: ctx.host.tasks, initializer: "init", initArgs: [() => 1] })).toThrow(
      InvalidArgumentError,
    );
  });

  it("close() and join() settle after a result could not be sent", async () => {
    const pool = ctx.pool({ workers: 1 });
    await expect(pool.apply("returnFunction")).rejects.toBeInstanceOf(SerializationError);
    await expect(pool.apply("failWithUncloneableCode")).rejects.toMatchObject({ message: "bad code" });
    expect(await pool.apply("square", [6])).toBe(36);
    pool.close();
    await pool.join();
    expect(pool.workerCount).toBe(0);
  });

  ctx.itWith(
    ["crash", "scratch", "exitCode"],
    "no line of a task runs after its process.exit(), and a result sent before it arrives",
    async () => {
      const file = scratch("after-exit");
      // concurrency 2: both calls go in one message; the first answers before the second exits.
      const pool = ctx.pool({ workers: 1, concurrency: 2 });
      await pool.apply("square", [1]); // the worker is up, so the next two are sent together
      const [answered, exited] = await Promise.allSettled([
        pool.apply("square", [9]),
        pool.apply("exitThenWrite", [file, 3]),
      ]);
      expect(answered).toEqual({ status: "fulfilled", value: 81 });
      expect(exited.status).toBe("rejected");
      expect((exited as PromiseRejectedResult).reason).toBeInstanceOf(WorkerExitError);
      expect(((exited as PromiseRejectedResult).reason as WorkerExitError).exitCode).toBe(3);
      expect((await ctx.files.exists(file)) ? await ctx.files.read(file) : "no file").toBe("no file");
      expect(await pool.apply("square", [4])).toBe(16);
    },
  );

  for (const [workers, chunksize] of [
    [1, 1],
    [4, 1],
    [2, 2],
  ] as const) {
    it(`a source that throws: imap yields every earlier result in order, then throws (workers ${workers}, chunksize ${chunksize})`, async () => {
      const pool = ctx.pool({ workers });
      const seen: unknown[] = [];
      const run = async () => {
        for await (const y of pool.imap("square", throwsAtFourth(), { chunksize })) seen.push(y);
      };
      await expect(run()).rejects.toThrow("the source failed at item 4");
      expect(seen).toEqual([1, 4, 9]);
      const unordered: unknown[] = [];
      const runUnordered = async () => {
        for await (const y of pool.imapUnordered("square", throwsAtFourth(), { chunksize }))
          unordered.push(y);
      };
      await expect(runUnordered()).rejects.toThrow("the source failed at item 4");
      expect(unordered.sort()).toEqual([1, 4, 9]);
    });
  }

  it("map over a source that throws rejects with the source's error", async () => {
    const pool = ctx.pool();
    await expect(pool.map("square", throwsAtFourth())).rejects.toThrow("the source failed at item 4");
  });

  it("imapUnordered throws a failed chunk's error instead of skipping it", async () => {
    const pool = ctx.pool({ workers: 2 });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const y of pool.imapUnordered("echo", [1, 2, () => 3, 4])) seen.push(y);
    };
    await expect(run()).rejects.toBeInstanceOf(SerializationError);
  });

  it("imap closes the source when the consumer stops early", async () => {
    const pool = ctx.pool({ workers: 2 });
    let closed = false;
    function* endless(): Generator<number> {
      try {
        for (let i = 1; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const y of pool.imap("square", endless())) if (y === 16) break;
    expect(closed).toBe(true);
    closed = false;
    for await (const _ of pool.imapUnordered("square", endless())) break;
    expect(closed).toBe(true);
  });

  ctx.itWith(
    ["crash", "exitCode"],
    "process.exit() with no code ends the worker with the process.exitCode set",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const error = await pool.apply("exitWithSetCode", [4]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).exitCode).toBe(4);
    },
  );

  ctx.itWith(
    "hardTimeout",
    "a worker ended for a timeout is replaced only once it is gone: never more than `workers`",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      await pool.apply("square", [1]);
      let most = 0;
      const sample = setInterval(() => {
        most = Math.max(most, pool.workerCount);
      }, 1);
      try {
        await expect(pool.apply("spin", [5_000], { timeout: 50 })).rejects.toThrow(/timed out/);
        expect(await pool.apply("square", [2])).toBe(4);
      } finally {
        clearInterval(sample);
      }
      expect(most).toBe(1);
    },
  );

  ctx.itWith(
    ["signals", "undeliveredSends", "pids"],
    "a call sent to a worker that died unseen runs on its replacement",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      for (let round = 0; round < 3; round++) {
        const pid = (await pool.apply("pid")) as number;
        ctx.processes.kill(pid, "SIGKILL");
        // Wait without yielding until the kill has landed (2 s at most, under load): the worker
        // is dead, and the pool, whose event loop has not run since, has not heard of it yet.
        const until = Date.now() + 2000;
        while (ctx.processes.isAlive(pid) && Date.now() < until) {}
        expect(await pool.apply("square", [round + 3])).toBe((round + 3) ** 2);
      }
    },
  );

  ctx.itWith(
    ["signals", "scratch", "pids"],
    "terminate() ends a task that ignores SIGTERM within the grace period",
    async () => {
      const pool = ctx.pool({ workers: 1, terminateGrace: 200 });
      const pid = (await pool.apply("pid")) as number;
      const started = scratch("sigterm-started");
      const stuck = pool.apply("ignoreSigterm", [60_000, started]).catch((e: unknown) => e);
      while (!(await ctx.files.exists(started))) await sleep(10); // its SIGTERM handler is in place
      await pool.terminate();
      expect(await stuck).toBeInstanceOf(Error);
      expect(ctx.processes.isAlive(pid)).toBe(false);
    },
  );
}

/** Yields 1, 2, 3, then throws where the fourth item would be. */
function* throwsAtFourth(): Generator<number> {
  yield 1;
  yield 2;
  yield 3;
  throw new RangeError("the source failed at item 4");
}
