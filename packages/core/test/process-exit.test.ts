// Process over the fake adapter: Python's exitCode (null while running, 0 on success, 1 when the
// target throws, -N when ended by signal N, the code itself when the worker exits on its own),
// the result, and the calls that are refused.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidStateError, ModuleLoadError, WorkerExitError } from "../src/index.ts";
import { newProcess } from "./bound.ts";
import { type FakeWorker, fakeAdapter, type Startup, settle } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

/** A started Process on the fake adapter, with its worker up and running the target. */
async function started(startup: Startup = "ready", args: unknown[] = ["a"]) {
  const adapter = fakeAdapter({ startup: () => startup });
  const p = newProcess({ module, target: "run", args }, adapter);
  expect(p.isAlive()).toBe(false);
  p.start();
  await settle();
  return { p, worker: adapter.workers[0] as FakeWorker };
}

describe("Process exitCode and result", () => {
  it("is null while running, 0 after success, and the result is the target's value", async () => {
    const { p, worker } = await started();
    expect(p.isAlive()).toBe(true);
    expect(p.exitCode).toBeNull();
    expect(worker.calls).toEqual([{ id: 1, fn: "run", args: ["a"] }]);
    worker.answerOne();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(p.isAlive()).toBe(false);
    expect(await p.result).toBe("a");
  });

  it("sends its call and then stop right behind init, without waiting for the worker to be ready", () => {
    const adapter = fakeAdapter();
    const p = newProcess({ module, target: "run", args: ["a"] }, adapter);
    p.start();
    const worker = adapter.workers[0] as FakeWorker;
    expect(worker.calls).toEqual([{ id: 1, fn: "run", args: ["a"] }]); // before "ready" came
    worker.answerOne();
    return p.join().then(() => expect(p.exitCode).toBe(0));
  });

  it("is 1 when the target throws, and the result rejects with its error", async () => {
    const { p, worker } = await started();
    worker.failOne({ name: "RangeError", message: "bad" });
    await p.join();
    expect(p.exitCode).toBe(1);
    await expect(p.result).rejects.toMatchObject({ name: "RangeError", message: "bad" });
  });

  it("is -15 after terminate() and -9 after kill(), and the result rejects with WorkerExitError", async () => {
    for (const [stop, code] of [
      ["terminate", -15],
      ["kill", -9],
    ] as const) {
      const { p, worker } = await started();
      p[stop]();
      await p.join();
      expect(worker.terminations).toEqual([stop === "kill" ? "SIGKILL" : "SIGTERM"]);
      expect(p.exitCode).toBe(code);
      await expect(p.result).rejects.toBeInstanceOf(WorkerExitError);
      p.kill(); // ended: nothing more happens
      expect(worker.terminations).toHaveLength(1);
    }
  });

  it("is the worker's own code when it exits mid-task, or -N when a signal it did not get from us ends it", async () => {
    const exits = await started();
    exits.worker.die(3);
    await exits.p.join();
    expect(exits.p.exitCode).toBe(3);
    await expect(exits.p.result).rejects.toMatchObject({ exitCode: 3 });
    const killed = await started();
    killed.worker.die(null, "SIGSEGV");
    await killed.p.join();
    expect(killed.p.exitCode).toBe(-11);
  });

  it("a module that fails to load rejects the result with ModuleLoadError and gives exitCode 1", async () => {
    const { p } = await started("init-failed");
    await p.join();
    expect(p.exitCode).toBe(1);
    await expect(p.result).rejects.toBeInstanceOf(ModuleLoadError);
  });

  it("arguments that cannot be sent reject the result; the worker ends", async () => {
    const { p } = await started("ready", [() => 1]);
    await p.join();
    expect(p.exitCode).toBe(1);
    await expect(p.result).rejects.toMatchObject({ name: "SerializationError" });
  });
});

describe("Process refusals", () => {
  it("start() twice and join() before start() are InvalidStateError; bad options InvalidArgumentError", async () => {
    const adapter = fakeAdapter();
    const p = newProcess({ module, target: "run" }, adapter);
    await expect(p.join()).rejects.toBeInstanceOf(InvalidStateError);
    p.start();
    expect(() => p.start()).toThrow(InvalidStateError);
    expect(() => newProcess({ module, target: "" }, adapter)).toThrow(InvalidArgumentError);
    expect(() => newProcess({ module, target: "run", args: 1 as never }, adapter)).toThrow(
      InvalidArgumentError,
    );
    expect(() => newProcess(null as never, adapter)).toThrow(InvalidArgumentError);
    p.kill();
    await p.join();
  });

  it("join({ timeout }) returns when the time runs out, with the process still alive", async () => {
    const { p, worker } = await started();
    await p.join({ timeout: 5 });
    expect(p.isAlive()).toBe(true);
    worker.answerOne();
    await p.join({ timeout: 10_000 });
    expect(p.exitCode).toBe(0);
  });

  it("is named Process-N unless given a name, which its worker gets", async () => {
    const adapter = fakeAdapter();
    const named = newProcess({ module, target: "run", name: "writer" }, adapter);
    expect(named.name).toBe("writer");
    expect(newProcess({ module, target: "run" }, adapter).name).toMatch(/^Process-\d+$/);
    named.start();
    expect(adapter.workers[0]?.spawnedAs).toMatchObject({ kind: "thread", name: "writer" });
    named.kill();
    await named.join();
  });
});
