// FIFO start order, concurrency, maxQueue, maxTasksPerWorker, idleTimeout, initializer, timeout and abort.
import { AbortError, InitializerError, QueueFullError, TimeoutError } from "@multiproc/core";
import { expect, it } from "vitest";
import { type AnyPool, type Context, sleep } from "../context.ts";
import { scratchFiles } from "./scratch-files.ts";

interface Timed {
  tag: number;
  start: number;
  end: number;
  worker: string;
}

/**
 * Until both of the pool's workers have answered: on a loaded machine a first map can run wholly
 * on the first worker while the second still starts (a forked process took more than 300 ms in
 * CI), and the tests below need two.
 */
async function bothWorkersUp(pool: AnyPool): Promise<void> {
  const seen = new Set<string>();
  const until = performance.now() + 10_000;
  while (seen.size < 2 && performance.now() < until) {
    const answers: Timed[] = await Promise.all([0, 1].map((tag) => pool.apply("timed", [tag, 20])));
    for (const answer of answers) seen.add(answer.worker);
  }
  expect(seen.size, "both workers answered within 10 s").toBe(2);
}

export function schedulingTests(ctx: Context): void {
  it("with one worker, tasks start and finish in submission order", async () => {
    const pool = ctx.pool({ workers: 1 });
    const finished: number[] = [];
    const calls = [30, 1, 20, 1, 10].map((ms, tag) =>
      pool.apply("timed", [tag, ms]).then((r: Timed) => {
        finished.push(tag);
        return r;
      }),
    );
    const results = await Promise.all(calls);
    expect(finished).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < results.length; i++) {
      expect(results[i]?.start).toBeGreaterThanOrEqual(results[i - 1]?.end ?? 0);
    }
  });

  // Adapters may send a call several ways (a thread's mailbox for small plain ones, postMessage
  // for the rest, and the mailbox full): the worker still starts them in the order they were made.
  it("with one worker, calls start in the order made, whichever way each travels", async () => {
    const pool = ctx.pool({ workers: 1 });
    // Answered calls teach the pool that the task is short: it then sends each call as it comes.
    for (let i = 0; i < 10; i++) await pool.apply("nextInSequence", []);
    const seen: number[] = [];
    for (let group = 0; group < 30; group++) {
      // The first is posted (a Map), the second may go in a mailbox; the spin keeps the worker
      // busy while the rest come and wait together, the mailbox taken or not.
      const [a, b, , ...rest] = await Promise.all([
        pool.apply("nextInSequence", [new Map()]),
        pool.apply("nextInSequence", [group]),
        pool.apply("spin", [2, new Map()]),
        pool.apply("nextInSequence", [new Map([[group, group]])]),
        pool.apply("nextInSequence", [`text ${group}`]),
        pool.apply("nextInSequence", ["x".repeat(4096)]),
        pool.apply("nextInSequence", [{ group }]),
      ]);
      const numbers = [a, b, ...rest];
      seen.push(...(numbers as number[]));
    }
    const first = seen[0] as number;
    expect(seen).toEqual(seen.map((_, i) => first + i));
  });

  // A worker may take the next call without a wake-up (a thread spinning on its mailbox): still,
  // what the last call left to run runs first, as it would have if that call had been posted.
  it("what a call left to run (a promise callback) has run before the next call starts", async () => {
    const pool = ctx.pool({ workers: 1 });
    for (let i = 0; i < 300; i++) {
      await pool.apply("setLater", [i]);
      expect(await pool.apply("getLast", [])).toBe(i);
    }
  });

  // A lone call leaves its thread watching the mailbox; the next call is taken there at once, and
  // the one made while it runs must wake the worker all the same.
  it("a call made while the one before it runs, right after a lone call, is never left waiting", async () => {
    const pool = ctx.pool({ workers: 1, concurrency: 2 }); // the second call goes while the first runs
    // 500 tries take under a second on a thread; an engine with a slower round trip (BullMQ's)
    // makes as many as fit in 1.5 s, to end well within the test's time.
    const until = performance.now() + 1500;
    for (let i = 0; i < 500 && performance.now() < until; i++) {
      expect(await pool.apply("square", [i])).toBe(i * i);
      expect(await Promise.all([pool.apply("sleep", [0, i]), pool.apply("square", [2])])).toEqual([i, 4]);
    }
  });

  it("with two workers, each worker runs its tasks in submission order, one after another", async () => {
    const pool = ctx.pool({ workers: 2 });
    await bothWorkersUp(pool);
    const results: Timed[] = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((tag) => pool.apply("timed", [tag, 60])),
    );
    // Timestamps are compared only within one worker: clocks of two processes may disagree by ms.
    const byWorker = new Map<unknown, Timed[]>();
    for (const r of results) byWorker.set(r.worker, [...(byWorker.get(r.worker) ?? []), r]);
    expect(byWorker.size).toBe(2);
    for (const timeline of byWorker.values()) {
      timeline.sort((a, b) => a.start - b.start);
      for (let i = 1; i < timeline.length; i++) {
        const [before, after] = [timeline[i - 1] as Timed, timeline[i] as Timed];
        expect(after.tag).toBeGreaterThan(before.tag);
        expect(after.start).toBeGreaterThanOrEqual(before.end);
      }
    }
  });

  it("prefetch: 0 keeps strict FIFO start order across workers, even for short tasks", async () => {
    const pool = ctx.pool({ workers: 2, prefetch: 0 });
    await bothWorkersUp(pool);
    // A long task first: with nothing sent ahead, every later task starts on the other worker.
    const results: Timed[] = await Promise.all(
      [0, 1, 2, 3].map((tag) => pool.apply("timed", [tag, tag === 0 ? 300 : 5])),
    );
    const longOne = results[0] as Timed;
    for (const r of results.slice(1)) expect(r.worker).not.toBe(longOne.worker);
  });

  it("concurrency lets one worker run several async tasks at once", async () => {
    const pool = ctx.pool({ workers: 1, concurrency: 3 });
    const results: Timed[] = await Promise.all([0, 1, 2].map((tag) => pool.apply("timed", [tag, 150])));
    expect(new Set(results.map((r) => r.worker)).size).toBe(1);
    const lastStart = Math.max(...results.map((r) => r.start));
    const firstEnd = Math.min(...results.map((r) => r.end));
    expect(lastStart).toBeLessThan(firstEnd);
  });

  it("maxQueue bounds the waiting tasks, not the running ones", async () => {
    const pool = ctx.pool({ workers: 1, maxQueue: 1 });
    const running = pool.apply("sleep", [150, "a"]);
    const waiting = pool.apply("sleep", [1, "b"]);
    await expect(pool.apply("sleep", [1, "c"])).rejects.toBeInstanceOf(QueueFullError);
    expect(await Promise.all([running, waiting])).toEqual(["a", "b"]);
    expect(await pool.apply("sleep", [1, "d"])).toBe("d");
  });

  ctx.itWith("maxTasksPerWorker", "maxTasksPerWorker replaces a worker after that many tasks", async () => {
    const pool = ctx.pool({ workers: 1, maxTasksPerWorker: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await pool.apply("whoAmI"));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[4]).toBe(ids[5]);
    expect(new Set(ids).size).toBe(3);
  });

  it("idleTimeout ends an idle worker; the next task starts a new one", async () => {
    const pool = ctx.pool({ workers: 1, idleTimeout: 30 });
    const first = await pool.apply("whoAmI");
    for (let i = 0; i < 50 && pool.workerCount > 0; i++) await sleep(20);
    expect(pool.workerCount).toBe(0);
    expect(await pool.apply("whoAmI")).not.toBe(first);
  });

  it("the initializer runs once per worker, with initArgs, before the first task", async () => {
    const pool = ctx.pool({ workers: 1, initializer: "init", initArgs: ["ready"] });
    await pool.map("square", [1, 2, 3, 4]);
    expect(await pool.apply("initState")).toEqual({ initCount: 1, initValue: "ready" });
  });

  it("an initializer that throws, or is missing, rejects tasks with InitializerError", async () => {
    const throwing = ctx.pool({ workers: 1, initializer: "failingInit" });
    await expect(throwing.apply("square", [2])).rejects.toThrow(/initializer refused/);
    await expect(throwing.apply("square", [2])).rejects.toBeInstanceOf(InitializerError);
    const missing = ctx.pool({ workers: 1, initializer: "noSuchInit" });
    await expect(missing.apply("square", [2])).rejects.toThrow(/no function export "noSuchInit"/);
  });

  it("timeout takes a waiting task out of the queue; it never runs", async () => {
    const pool = ctx.pool({ workers: 1 });
    const busy = pool.apply("sleep", [200, "busy"]);
    const queued = pool.apply("nextInSequence", [], { timeout: 30 });
    await expect(queued).rejects.toBeInstanceOf(TimeoutError);
    expect(await busy).toBe("busy");
    expect(await pool.apply("nextInSequence")).toBe(1);
  });

  it("timeout ends a running task by replacing its worker; other tasks complete", async () => {
    const pool = ctx.pool({ workers: 2 });
    const before = await pool.apply("whoAmI");
    const others = pool.map("sleep", [50, 60, 70], { chunksize: 1 });
    await expect(pool.apply("sleep", [5000], { timeout: 50 })).rejects.toThrow(TimeoutError);
    expect(await others).toEqual([50, 60, 70]);
    expect(await pool.apply("square", [9])).toBe(81);
    expect(typeof before).toBe("string");
  });

  ctx.itWith("hardTimeout", "timeout ends a task stuck in a synchronous loop", async () => {
    const pool = ctx.pool({ workers: 1 });
    await expect(pool.apply("spinForever", [], { timeout: 100 })).rejects.toBeInstanceOf(TimeoutError);
    expect(await pool.apply("square", [4])).toBe(16);
  });

  it("an AbortSignal removes a queued task and ends a running one, with the signal's reason", async () => {
    const pool = ctx.pool({ workers: 1 });
    const running = new AbortController();
    const queued = new AbortController();
    const a = pool.apply("sleep", [5000], { signal: running.signal });
    const b = pool.apply("nextInSequence", [], { signal: queued.signal });
    queued.abort(new Error("not needed"));
    await expect(b).rejects.toMatchObject({
      name: "AbortError",
      message: expect.stringMatching(/not needed/),
    });
    running.abort("stop now");
    const error = await a.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).reason).toBe("stop now");
    expect(await pool.apply("nextInSequence")).toBe(1); // b never ran; the new worker starts from 0
  });

  it("a call with a timeout or signal is never sent ahead to a busy worker: it leaves the queue alone", async () => {
    const pool = ctx.pool({ workers: 1 });
    await pool.map("square", [1, 2, 3, 4, 5, 6], { chunksize: 1 }); // short tasks: prefetch is on
    const busy = pool.apply("sleep", [300, "busy"]);
    const controller = new AbortController();
    const timed = pool.apply("nextInSequence", [], { timeout: 30 });
    const aborted = pool.apply("nextInSequence", [], { signal: controller.signal });
    await expect(timed).rejects.toBeInstanceOf(TimeoutError);
    controller.abort("not needed");
    await expect(aborted).rejects.toBeInstanceOf(AbortError);
    // Had either been sent ahead, ending it would have ended the busy task's worker too.
    expect(await busy).toBe("busy");
    expect(await pool.apply("nextInSequence")).toBe(1);
  });

  it("timeout of a call sent to an idle worker ends it there and replaces the worker", async () => {
    const pool = ctx.pool({ workers: 1 });
    const first = await pool.apply("whoAmI"); // the worker is up and idle: the next call goes at once
    // 300 ms for it to reach the worker first: BullMQ's agent takes it from Redis, which under CI's
    // load once took longer than 50 ms (the job then left the queue unrun, and nothing was replaced).
    await expect(pool.apply("sleep", [5000], { timeout: 300 })).rejects.toBeInstanceOf(TimeoutError);
    const second = await pool.apply("whoAmI");
    expect(second).not.toBe(first);
  });

  ctx.itWith(
    "eagerDispatch",
    "abort right after a call to an idle worker ends it there and replaces the worker",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const second = await pool.apply("whoAmI"); // the worker is up and idle: the next call goes at once
      const controller = new AbortController();
      const aborted = pool.apply("sleep", [5000], { signal: controller.signal });
      controller.abort("stop");
      await expect(aborted).rejects.toBeInstanceOf(AbortError);
      expect(await pool.apply("whoAmI")).not.toBe(second);
    },
  );

  startedTaskTests(ctx);

  it("an already-aborted signal rejects at once", async () => {
    const pool = ctx.pool();
    await expect(pool.apply("square", [1], { signal: AbortSignal.abort("early") })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
}

/**
 * timeout and abort of a task known to have started: it writes a file as it starts (and ignores
 * SIGTERM, so only the SIGKILL that cancelling sends ends it). Worker processes only: the test
 * checks by pid that the old worker is gone.
 */
function startedTaskTests(ctx: Context): void {
  const scratch = scratchFiles(ctx);
  const marker = () => scratch("started");
  const until = async (done: () => boolean | Promise<boolean>) => {
    while (!(await done())) await sleep(10);
  };

  ctx.itWith(
    ["signals", "scratch", "pids"],
    "timeout ends a task that has started: its worker is killed and replaced",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const pid = (await pool.apply("pid")) as number;
      const started = marker();
      const error = await pool.apply("ignoreSigterm", [60_000, started], { timeout: 1000 }).catch((e) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(await ctx.files.exists(started)).toBe(true); // it was running, not waiting, when the time ran out
      await until(() => !ctx.processes.isAlive(pid));
      expect(await pool.apply("pid")).not.toBe(pid);
      expect(await pool.apply("square", [5])).toBe(25);
    },
  );

  ctx.itWith(
    ["signals", "scratch", "pids"],
    "abort ends a task that has started: its worker is killed and replaced",
    async () => {
      const pool = ctx.pool({ workers: 1 });
      const pid = (await pool.apply("pid")) as number;
      const started = marker();
      const controller = new AbortController();
      const call = pool
        .apply("ignoreSigterm", [60_000, started], { signal: controller.signal })
        .catch((e) => e);
      await until(() => ctx.files.exists(started));
      controller.abort("enough");
      const error = await call;
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).reason).toBe("enough");
      await until(() => !ctx.processes.isAlive(pid));
      expect(await pool.apply("pid")).not.toBe(pid);
      expect(await pool.apply("square", [6])).toBe(36);
    },
  );
}
