// Process: start, join, exitCode as Python reports it, isAlive, pid, terminate, kill, name, result.
import { InvalidStateError, TaskError } from "@multiproc/core";
import { expect, it } from "vitest";
import type { Context } from "../context.ts";

export function processTests(ctx: Context): void {
  it("start() and join() run the target; exitCode goes null → 0; result holds its value", async () => {
    const p = ctx.process({ target: "add", args: [20, 22], name: "adder" });
    expect(p.exitCode).toBeNull();
    expect(p.isAlive()).toBe(false);
    expect(p.name).toBe("adder");
    p.start();
    expect(p.isAlive()).toBe(true);
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(p.isAlive()).toBe(false);
    expect(await p.result).toBe(42);
  });

  it("a target that throws gives exitCode 1 and a TaskError result", async () => {
    const p = ctx.process({ target: "fail", args: ["bad"] });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(1);
    await expect(p.result).rejects.toBeInstanceOf(TaskError);
  });

  it("terminate() gives exitCode -15 and kill() -9", async () => {
    const t = ctx.process({ target: "sleep", args: [10_000] });
    const k = ctx.process({ target: "sleep", args: [10_000] });
    t.start();
    k.start();
    await new Promise((r) => setTimeout(r, 100));
    t.terminate();
    k.kill();
    await Promise.all([t.join(), k.join()]);
    expect(t.exitCode).toBe(-15);
    expect(k.exitCode).toBe(-9);
    expect(t.isAlive() || k.isAlive()).toBe(false);
  });

  it("join({ timeout }) returns while the target still runs", async () => {
    const p = ctx.process({ target: "sleep", args: [5000] });
    p.start();
    await p.join({ timeout: 50 });
    expect(p.isAlive()).toBe(true);
    expect(p.exitCode).toBeNull();
    p.kill();
    await p.join();
  });

  it("pid is known once started (a process id for kind process)", async () => {
    const p = ctx.process({ target: "square", args: [2] });
    p.start();
    if (ctx.kind === "process") expect(p.pid).toBeGreaterThan(0);
    await p.join();
    expect(p.exitCode).toBe(0);
  });

  it("start() twice and join() before start() are refused with InvalidStateError", async () => {
    const p = ctx.process({ target: "square", args: [2] });
    await expect(p.join()).rejects.toBeInstanceOf(InvalidStateError);
    p.start();
    expect(() => p.start()).toThrow(InvalidStateError);
    await p.join();
  });

  ctx.itWith(["crash", "exitCode"], "a target that exits the worker gives that exit code", async () => {
    const p = ctx.process({ target: "exitWorker", args: [3] });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(3);
  });
}
