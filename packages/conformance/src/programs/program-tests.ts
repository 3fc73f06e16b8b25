// One test per fixture program, for one kind of worker. Each program prints one JSON line and
// must exit by itself with code 0; the test compares the line whole.
import { existsSync } from "node:fs";
import type { WorkerKind } from "@multiproc/core";
import { expect } from "vitest";
import { isRunning } from "./process-status.ts";
import type { ProgramsContext } from "./programs-context.ts";
import type { ProgramRun } from "./run-program.ts";

/** Expects the program to have exited by itself with code 0, having printed `output`. */
function expectClean(run: ProgramRun, output: unknown): void {
  expect({ exit: run.exit, output: run.output }, `stderr:\n${run.stderr}`).toEqual({ exit: 0, output });
}

export function programTests(ctx: ProgramsContext, kind: WorkerKind): void {
  ctx.it("forgottenClose", "a program that never calls close() exits by itself once idle", async () => {
    expectClean(await ctx.run(kind, "forgotten-close.mjs"), { squares: [1, 4, 9] });
  });

  ctx.it(
    "resultBeforeExit",
    "a 4 MB result sent just before the task's process.exit(3) arrives, and the pool goes on",
    async () => {
      const run = await ctx.run(kind, "result-before-exit.mjs");
      expectClean(run, { length: 4_000_000, onlyX: true, next: 25 });
    },
  );

  ctx.it(
    "noLineAfterExit",
    "no line of a task runs after its process.exit(3); the task rejects with WorkerExitError",
    async () => {
      const file = ctx.scratch("after-exit");
      const run = await ctx.run(kind, "no-line-after-exit.mjs", file);
      expectClean(run, {
        error: { name: "WorkerExitError", isWorkerExitError: true, exitCode: 3 },
        written: false,
        next: 16,
      });
      expect(existsSync(file)).toBe(false); // nor later, from a worker that outlived the program
    },
  );

  const held = kind === "process" ? "a task that ignores SIGTERM" : "a task in a long async wait";
  ctx.it(
    "terminateHeldTask",
    `terminate() with ${held} (terminateGrace 200 ms) settles, leaves no worker, and the program exits`,
    async () => {
      const run = await ctx.run(kind, "terminate-held-task.mjs", ctx.scratch("held-task-started"));
      const pid = kind === "process" ? expect.any(Number) : null;
      expectClean(run, { outcome: "PoolClosedError", workers: 0, pid, pidRunning: false });
      if (kind === "process") expect(isRunning((run.output as { pid: number }).pid)).toBe(false);
    },
  );

  ctx.it(
    "uncloneableInitArgs",
    "initArgs that cannot be cloned give InvalidArgumentError, and the program exits",
    async () => {
      const run = await ctx.run(kind, "uncloneable-init-args.mjs");
      expectClean(run, {
        name: "InvalidArgumentError",
        isInvalidArgumentError: true,
        message: expect.stringMatching(/initArgs/),
      });
    },
  );

  ctx.it(
    "runawayMemory",
    "a task that allocates without end, with maxMemory: the program survives and exits (or the kind is refused up front)",
    async () => {
      const run = await ctx.run(kind, "runaway-memory.mjs");
      expect(run.exit, `stderr:\n${run.stderr}`).toBe(0);
      const bounded = { hog: "MemoryLimitError", small: [1, 2, 3], after: 49 };
      const refused = { refused: "InvalidArgumentError", namesProcess: true };
      expect([bounded, refused]).toContainEqual(run.output);
      // A process can always be bounded; only a thread may be refused.
      if (kind === "process") expect(run.output).toEqual(bounded);
    },
  );

  if (kind === "process") {
    for (const signal of ["SIGTERM", "SIGINT", "SIGKILL"] as const) {
      ctx.it(
        "orphans",
        `no worker outlives its program: ${signal} to the program alone ends its busy workers within about a second`,
        async () => {
          const program = ctx.start(kind, "orphan-workers.mjs");
          const line = (await program.firstLine) as { pids?: number[] } | undefined;
          const pids = line?.pids ?? [];
          expect(pids).toHaveLength(3);
          expect(pids.every(isRunning)).toBe(true);
          process.kill(program.pid, signal); // the program alone, not its group
          await program.exited; // not its output's end: workers that outlive it hold that open
          const deadline = Date.now() + 1500;
          while (pids.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          expect(pids.filter(isRunning)).toEqual([]);
        },
      );
    }
  }

  ctx.it("typescript", "a TypeScript task module loads, in a Pool and in a Process", async () => {
    expectClean(await ctx.run(kind, "typescript-tasks.mjs"), { pool: 5, process: 10, exitCode: 0 });
  });
}
