// @multiproc/auto on the runtime running the tests: its Pool, Process and errors must be that
// runtime's adapter's own, and its workers that runtime's. (Installed from its tarball and run on
// every runtime by a user's program: tooling/install-test.)
import * as auto from "@multiproc/auto";
import { detectRuntime } from "@multiproc/runtimes/detect";
import { afterEach, describe, expect, it } from "vitest";
import { whereAmI } from "./fixtures/where-tasks.ts";

// multiproc-test says which runtime it started; run directly, ask the runtime itself
const expected = {
  runtime: process.env.MULTIPROC_RUNTIME ?? detectRuntime().name,
  version: process.env.MULTIPROC_RUNTIME_VERSION ?? detectRuntime().version,
};

// The adapter itself, to compare with. `as string`: tsc must not type-check the adapters' sources,
// which use their own runtime's globals.
const adapters: Record<string, () => Promise<unknown>> = {
  node: () => import("@multiproc/node" as string),
  deno: () => import("@multiproc/deno" as string),
  bun: () => import("@multiproc/bun" as string),
};
const adapter = (await adapters[expected.runtime]?.()) as typeof auto;

const tasks = new URL("./fixtures/where-tasks.ts", import.meta.url);
type Tasks = typeof import("./fixtures/where-tasks.ts");
const pools: auto.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

it(`chose the adapter of the runtime running it`, () => {
  expect(auto.adapterPackage).toBe(`@multiproc/${expected.runtime}`);
  expect(auto.Pool).toBe(adapter.Pool);
  expect(auto.Process).toBe(adapter.Process);
});

it("exports the adapter's exports, the same objects (the errors included), and adapterPackage", () => {
  const { adapterPackage, ...rest } = auto;
  expect(typeof adapterPackage).toBe("string");
  expect(Object.keys(rest).sort()).toEqual(Object.keys(adapter).sort());
  for (const [name, value] of Object.entries(rest)) {
    expect(value, name).toBe((adapter as Record<string, unknown>)[name]);
  }
  // the ones a user catches, by name
  expect(auto.TaskError).toBe(adapter.TaskError);
  expect(auto.WorkerExitError).toBe(adapter.WorkerExitError);
  expect(auto.MultiprocError).toBe(adapter.MultiprocError);
});

it("a bad option is refused with the adapter's InvalidArgumentError", () => {
  const make = () => new auto.Pool({ module: tasks, kind: "fibre" as "thread" });
  expect(make).toThrow(adapter.InvalidArgumentError);
});

describe.each(["thread", "process"] as const)('kind "%s"', (kind) => {
  it("a Pool's workers run on this runtime, and a task's error is the adapter's TaskError", async () => {
    const pool = new auto.Pool<Tasks>({ module: tasks, kind, workers: 1 });
    pools.push(pool as unknown as auto.Pool);
    expect(pool).toBeInstanceOf(adapter.Pool);

    const worker = await pool.apply("whereAmI", []);
    expect({ runtime: worker.runtime, version: worker.version }).toEqual(expected);
    expect(worker.pid === whereAmI().pid).toBe(kind === "thread");

    const failure = pool.apply("fail", ["bad input"]);
    await expect(failure).rejects.toBeInstanceOf(adapter.TaskError);
    await expect(failure).rejects.toMatchObject({ name: "RangeError", message: "bad input" });
    await pool.terminate();
    await expect(pool.apply("whereAmI", [])).rejects.toBeInstanceOf(adapter.PoolClosedError);
  });

  it("a Process runs on this runtime", async () => {
    const p = new auto.Process<Tasks, "whereAmI">({ module: tasks, target: "whereAmI", kind });
    expect(p).toBeInstanceOf(adapter.Process);
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    const worker = await p.result;
    expect({ runtime: worker.runtime, version: worker.version }).toEqual(expected);
  });
});
