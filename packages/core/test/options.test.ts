// Pool and call options: the defaults a pool fills in, and a bad value refused at once with an
// InvalidArgumentError that names the option (never a hang later).
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../src/index.ts";
import { FULL_CAPABILITIES } from "../src/parent/adapter.ts";
import { nearestKey } from "../src/parent/known-keys.ts";
import { newPool, newProcess } from "./bound.ts";
import { fakeAdapter } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";
const make = (options: object) => () => newPool({ module, ...options }, fakeAdapter());

describe("Pool options", () => {
  it("fills in the defaults (workers: the adapter's available parallelism)", () => {
    expect(newPool({ module }, fakeAdapter()).options).toEqual({
      module,
      workers: 2,
      minWorkers: 0,
      kind: "thread",
      concurrency: 1,
      prefetch: 64,
      maxTasksPerWorker: Number.POSITIVE_INFINITY,
      idleTimeout: Number.POSITIVE_INFINITY,
      maxQueue: Number.POSITIVE_INFINITY,
      initializer: undefined,
      initArgs: [],
      maxStartFailures: 3,
      terminateGrace: 1000,
      maxMemory: Number.POSITIVE_INFINITY,
    });
  });

  it("takes maxMemory in MiB where the adapter bounds the kind, and refuses it, saying why, where not", () => {
    expect(newPool({ module, maxMemory: 300 }, fakeAdapter()).options.maxMemory).toBe(300);
    expect(() => newPool({ module, maxMemory: 0 }, fakeAdapter())).toThrow(
      /maxMemory must be a positive integer/,
    );
    expect(() => newPool({ module, maxMemory: 1.5 }, fakeAdapter())).toThrow(InvalidArgumentError);
    const adapter = fakeAdapter();
    const unbounded = {
      ...adapter,
      kinds: ["thread", "process"] as const,
      capabilities: {
        thread: { ...adapter.capabilities.thread, memoryLimit: "threads share a heap here" },
        process: FULL_CAPABILITIES,
      },
    } as typeof adapter;
    expect(() => newPool({ module, maxMemory: 300 }, unbounded)).toThrow(
      'maxMemory cannot bound a thread on fake: threads share a heap here; use kind "process"',
    );
    // No advice to use kind "process" where processes cannot be bounded either.
    const neither = {
      ...unbounded,
      capabilities: {
        thread: unbounded.capabilities.thread,
        process: { ...FULL_CAPABILITIES, memoryLimit: "no limits here" },
      },
    } as typeof adapter;
    expect(() => newPool({ module, maxMemory: 300 }, neither)).toThrow(
      /^maxMemory cannot bound a thread on fake: threads share a heap here$/,
    );
    expect(() => newPool({ module, kind: "process", maxMemory: 300 }, neither)).toThrow(
      /^maxMemory cannot bound a process on fake: no limits here$/,
    );
    expect(newPool({ module }, unbounded).options.maxMemory).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps the values given, including 0 where 0 makes sense", () => {
    const options = {
      workers: 3,
      concurrency: 4,
      prefetch: 0,
      maxTasksPerWorker: 5,
      idleTimeout: 0,
      maxQueue: 0,
      initializer: "init",
      initArgs: [1, "a"],
      maxStartFailures: 1,
      terminateGrace: 0,
    };
    expect(newPool({ module, ...options }, fakeAdapter()).options).toMatchObject(options);
    expect(make({ workers: Number.POSITIVE_INFINITY })().options.workers).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    ["workers", 0],
    ["workers", 1.5],
    ["workers", "2"],
    ["concurrency", -1],
    ["prefetch", -1],
    ["prefetch", 0.5],
    ["maxTasksPerWorker", 0],
    ["idleTimeout", -1],
    ["idleTimeout", Number.NaN],
    ["maxQueue", "1"],
    ["maxStartFailures", 0],
    ["terminateGrace", -5],
    ["initializer", 3],
    ["initArgs", "x"],
    ["initArgs", [() => 1]],
    ["module", ""],
    ["module", 42],
    ["kind", "fiber"],
  ])("refuses %s: %s, naming it", (name, value) => {
    expect(make({ [name]: value })).toThrow(InvalidArgumentError);
    expect(make({ [name]: value })).toThrow(name);
  });

  it("refuses options that are not an object", () => {
    expect(() => newPool(null as never, fakeAdapter())).toThrow(InvalidArgumentError);
    expect(() => newPool("x" as never, fakeAdapter())).toThrow(InvalidArgumentError);
  });

  it("takes a module as a URL too", () => {
    expect(make({ module: new URL("file:///x/tasks.mjs") })().options.module).toBe("file:///x/tasks.mjs");
  });
});

describe("call options", () => {
  const pool = () => newPool({ module }, fakeAdapter());

  it.each([
    ["timeout", 0],
    ["timeout", -1],
    ["timeout", Number.POSITIVE_INFINITY],
    ["timeout", "10"],
    ["signal", { aborted: false }],
    ["transfer", "buffer"],
  ])("refuses %s: %s, naming it", async (name, value) => {
    const call = pool().apply("task", [], { [name]: value });
    await expect(call).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(pool().apply("task", [], { [name]: value })).rejects.toThrow(name);
  });

  it("refuses call options that are not an object, and a task name that is not a string", async () => {
    await expect(pool().apply("task", [], 5 as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(pool().apply("" as never)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(pool().apply(7 as never)).rejects.toThrow(/name of an export/);
  });
});

describe("unknown options", () => {
  it("are refused in every options object, naming the nearest known option", async () => {
    const pool = newPool({ module }, fakeAdapter());
    expect(() => newPool({ module, maxTaskPerWorker: 5 } as never, fakeAdapter())).toThrow(
      'Pool has no option "maxTaskPerWorker": did you mean "maxTasksPerWorker"?',
    );
    expect(() => newPool({ module, colour: "red" } as never, fakeAdapter())).toThrow(
      /^Pool has no option "colour"$/,
    );
    await expect(pool.apply("f", [], { timout: 5 } as never)).rejects.toThrow(
      'a call has no option "timout": did you mean "timeout"?',
    );
    await expect(pool.map("f", [1], { chunkSize: 5 } as never)).rejects.toThrow(/did you mean "chunksize"/);
    expect(() => pool.imap("f", [1], { signals: undefined } as never)).toThrow(/did you mean "signal"/);
    expect(() => newProcess({ module, target: "f", agrs: [] } as never, fakeAdapter())).toThrow(
      'Process has no option "agrs": did you mean "args"?',
    );
  });

  it("finds a typo's option, and no option for a name far from all", () => {
    expect(nearestKey("maxQeue", ["maxQueue", "kind"])).toBe("maxQueue");
    expect(nearestKey("WORKERS", ["workers"])).toBe("workers");
    expect(nearestKey("name", ["kind", "module"])).toBeUndefined();
  });
});
