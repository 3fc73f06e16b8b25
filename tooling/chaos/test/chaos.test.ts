// The chaos driver on Node 20, Deno and Bun, threads and processes, at a size that takes seconds:
// every invariant its summary reports must hold. CHAOS_TASKS and CHAOS_SEED change the size and
// the plan (a failure prints the seed: `pnpm chaos --seed S --tasks N` replays that plan).
import { describe, expect, it } from "vitest";
import { runDriver } from "../src/run-driver.ts";

const tasks = Number(process.env.CHAOS_TASKS ?? 1500);
const seed = Number(process.env.CHAOS_SEED ?? 20_240_611);
const workers = 3;

describe.each(["node20", "deno", "bun"])("chaos on %s", (runtime) => {
  it.each(["thread", "process"] as const)(`kind %s: ${tasks} tasks, seed ${seed}`, async (kind) => {
    const run = await runDriver({ runtime, kind, tasks, seed, workers });
    const s = run.summary;
    if (!s) throw new Error(`no summary; stderr:\n${run.stderrTail}`);

    // Soft: one failed invariant must not hide the others.
    expect.soft(s.hung, "nothing hangs").toBe(false);
    expect.soft(s.settled, "every task settles").toBe(tasks);
    expect.soft(s.finalMap, "the pool keeps serving after the storm").toBe("ok");
    expect.soft(s.maxWorkerCount, "the worker count stays within workers").toBeLessThanOrEqual(workers);
    expect.soft(s.survivors, "no child process survives terminate()").toEqual([]);
    expect.soft(run.orphans, "no worker outlives the driver").toEqual([]);
    // Every settlement checked against what was done to its task (see src/verdict.mjs).
    const shown = s.violations.slice(0, 8).map((v) => `  ${JSON.stringify(v).slice(0, 500)}`);
    expect.soft(s.violationCount, `violations, seed ${seed}:\n${shown.join("\n")}\n`).toBe(0);

    // The run did what it is for: every kind of trouble happened.
    for (const outcome of ["value", "taskError", "workerExit", "timeout", "abort"] as const) {
      expect(s.outcomes[outcome], outcome).toBeGreaterThan(0);
    }
    if (kind === "process") expect(s.kills.sent, "the storm killed workers").toBeGreaterThan(0);
    else expect(s.outcomes.killed, "no signals reach threads").toBeUndefined();
  });
});
