// Answers that travel together must never cost a task: a finished call's result is not held
// while a long call runs, a worker killed mid-batch runs nothing twice and fails no call it had
// not started, and a Process whose module or target is missing still ends.
import { ModuleLoadError, UnknownTaskError, WorkerExitError } from "@multiproc/core";
import { expect } from "vitest";
import { type Context, fixtures } from "../context.ts";
import { scratchFiles } from "./scratch-files.ts";

/** Bounds a failing run only: the tests below decide by what the task saw, not by time. */
const MAX_WAIT_MS = 4000;

export function batchingTests(ctx: Context): void {
  const scratch = scratchFiles(ctx);

  for (const timeout of [undefined, 60_000]) {
    const title = `a quick call's result arrives while a long call sent with it runs${timeout ? " (with a timeout)" : ""}`;
    ctx.itWith(["repliesWhileBusy", "scratch"], title, async () => {
      const settled = scratch("quick-settled");
      // Two calls queued before the worker is up go to it together, in one message.
      const pool = ctx.pool({ workers: 1, concurrency: 2 });
      const quick = pool.apply("square", [3], timeout ? { timeout } : {}).then(async (value) => {
        await ctx.files.write(settled, "");
        return value;
      });
      // Spins until the parent has the quick call's result: it ends at once if that came first.
      const long = pool.apply("spinUntilFile", [settled, MAX_WAIT_MS]);
      expect(await quick).toBe(9);
      expect(await long).toBe(true);
    });
  }

  ctx.itWith(
    ["signals", "scratch"],
    "a worker SIGKILLed mid-batch: every other call completes once, the dying one is rejected",
    async () => {
      const log = scratch("lines");
      const marker = scratch("kill-marker");
      const pool = ctx.pool({ workers: 1 });
      // Warm up: the calls are known short, so later ones are sent ahead, several per message.
      for (let i = 0; i < 20; i++) await pool.apply("appendLine", [log, `warm${i}`]);
      const before = Array.from({ length: 60 }, (_, i) => pool.apply("appendLine", [log, `b${i}`]));
      const dying = pool.apply("killOwnProcessOnce", [marker]);
      const after = Array.from({ length: 60 }, (_, i) => pool.apply("appendLine", [log, `a${i}`]));
      const error = await dying.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError);
      expect((error as WorkerExitError).signal).toBe("SIGKILL");
      const values = await Promise.all([...before, ...after]);
      expect(values).toEqual([...before.map((_, i) => `b${i}`), ...after.map((_, i) => `a${i}`)]);
      const lines = (await ctx.files.read(log)).trim().split("\n");
      expect(lines).toHaveLength(new Set(lines).size); // nothing ran twice
      expect(lines).toHaveLength(20 + 120);
    },
  );

  ctx.itWith(
    ["signals", "scratch"],
    "a worker SIGKILLed amid tiny calls: only the call it was running fails, every other runs once",
    async () => {
      const log = scratch("lines");
      const ranBefore = scratch("ran-marker");
      const marker = scratch("kill-marker");
      const pool = ctx.pool({ workers: 1 });
      await pool.apply("appendLine", [ranBefore, "x"]); // makes the marker exist
      for (let i = 0; i < 20; i++) {
        await pool.apply("appendLine", [log, `warm${i}`]);
        expect(await pool.apply("killOwnProcessOnce", [ranBefore])).toBe("ran again"); // known quick
      }
      const calls = Array.from({ length: 60 }, (_, i) => pool.apply("appendLine", [log, `b${i}`]));
      const dying = pool.apply("killOwnProcessOnce", [marker]);
      calls.push(...Array.from({ length: 60 }, (_, i) => pool.apply("appendLine", [log, `a${i}`])));
      const error = await dying.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerExitError); // not re-run: a rerun would return "ran again"
      // A process's results are never held back (it can die without a word): the parent knows
      // exactly which call the dead worker had started, and runs every other one elsewhere.
      const outcomes = await Promise.allSettled(calls);
      const lines = (await ctx.files.read(log)).trim().split("\n");
      expect(lines).toHaveLength(new Set(lines).size); // nothing ran twice
      expect(outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason))).toEqual([]);
      for (const outcome of outcomes)
        if (outcome.status === "fulfilled") expect(lines).toContain(outcome.value);
      expect(await ctx.files.exists(marker)).toBe(true);
    },
  );

  ctx.itWith(
    ["signals", "scratch", "pids"],
    "a worker SIGKILLed while its answers wait unread inside it: no call it answered runs again",
    async () => {
      const log = scratch("padded-lines");
      const pool = ctx.pool({ workers: 1 });
      const pid = (await pool.apply("pid")) as number;
      const padded = 100_000; // answers that fill the channel while this thread does not read it
      for (let i = 0; i < 3; i++) await pool.apply("appendLinePadded", [log, `warm${i}`, padded]);
      const calls = Array.from({ length: 40 }, (_, i) =>
        pool.apply("appendLinePadded", [log, `c${i}`, padded]).then(
          () => `c${i}`,
          (e: unknown) => (e as Error).name,
        ),
      );
      // This thread reads nothing for a while: the worker's answers fill the channel, then wait
      // inside it. Then it dies without a word.
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      ctx.processes.kill(pid, "SIGKILL");
      const outcomes = await Promise.all(calls);
      const lines = (await ctx.files.read(log)).trim().split("\n");
      expect(lines).toHaveLength(new Set(lines).size); // nothing ran twice
      // At most one call fails with the worker, the first unanswered, which it may have started
      // (none when nothing was left inside it: an engine whose calls wait elsewhere meanwhile).
      const failed = outcomes.filter((o) => !o.startsWith("c"));
      expect(failed.length).toBeLessThanOrEqual(1);
      for (const name of failed) expect(name).toBe("WorkerExitError");
      for (const outcome of outcomes) if (outcome.startsWith("c")) expect(lines).toContain(outcome);
    },
  );

  ctx.itWith("process", "a Process with an unknown target ends: join() returns, exitCode 1", async () => {
    const p = ctx.process({ target: "noSuchExport" });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(1);
    await expect(p.result).rejects.toBeInstanceOf(UnknownTaskError);
  });

  ctx.itWith("process", "a Process whose module is missing ends: join() returns, exitCode 1", async () => {
    for (let i = 0; i < 3; i++) {
      const p = ctx.process({ module: fixtures.missing, target: "square", args: [2] });
      p.start();
      await p.join();
      expect(p.exitCode).toBe(1);
      await expect(p.result).rejects.toBeInstanceOf(ModuleLoadError);
    }
  });
}
