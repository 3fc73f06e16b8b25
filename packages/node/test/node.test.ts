// Node-specific behaviour beyond the conformance suite: TypeScript task modules, and programs
// whose awaited shutdown settles (the shared whole-program tests are in programs.test.ts).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { InvalidArgumentError, Pool, Process } from "@multiproc/node";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

describe.each(["thread", "process"] as const)('kind "%s"', (kind) => {
  it("loads a TypeScript task module", async () => {
    const pool = new Pool<typeof import("./fixtures/typed-tasks.ts")>({
      module: new URL("./fixtures/typed-tasks.ts", import.meta.url),
      kind,
      workers: 1,
    });
    pools.push(pool);
    expect(await pool.apply("length", [{ x: 3, y: 4 }])).toBe(5);
  });

  it("a Process runs a TypeScript target", async () => {
    const p = new Process({
      module: new URL("./fixtures/typed-tasks.ts", import.meta.url),
      target: "length",
      args: [{ x: 6, y: 8 }],
      kind,
    });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(await p.result).toBe(10);
  });

  it("awaiting terminate() or join() on an idle pool settles before the program ends", async () => {
    const script = new URL("./fixtures/awaited-shutdown.mjs", import.meta.url);
    const { stdout } = await run(process.execPath, [script.pathname, kind], { timeout: 20_000 });
    expect(stdout.trim()).toBe("settled");
  });
});

describe("a thread that ends itself", () => {
  const exitTasks = new URL("./fixtures/exit-tasks.mjs", import.meta.url);

  /** The code Node's own "exit" event gives a bare worker that calls process.exit(code). */
  function nodesOwnCode(code: number | string): Promise<number> {
    const worker = new Worker(new URL("./fixtures/bare-exit.mjs", import.meta.url));
    worker.postMessage(code);
    return new Promise((resolve) => worker.once("exit", resolve));
  }

  it("is known ended with the code Node gives it", async () => {
    for (const code of [0, 3, 300, -1, "2", 2 ** 33]) {
      const p = new Process({ module: exitTasks, target: "exitWith", args: [code] });
      p.start();
      await p.join();
      expect([code, p.exitCode]).toEqual([code, await nodesOwnCode(code)]);
    }
  });

  it("keeps its thread id as pid once it is gone", async () => {
    const p = new Process({ module: exitTasks, target: "exitWith", args: [0] });
    p.start();
    const pid = p.pid;
    await p.join();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the thread itself is gone by now
    expect(pid).toBeGreaterThan(0);
    expect(p.pid).toBe(pid);
  });

  it("has run its own exit listeners when join() returns", async () => {
    const dir = await mkdtemp(join(tmpdir(), "multiproc-node-"));
    try {
      const file = join(dir, "listener.txt");
      const p = new Process({ module: exitTasks, target: "exitWithSlowListener", args: [file] });
      p.start();
      await p.join();
      expect(p.exitCode).toBe(0);
      expect(existsSync(file)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

it("a worker process is really gone after close() and join()", async () => {
  const pool = new Pool({
    module: new URL("../../conformance/fixtures/tasks.mjs", import.meta.url),
    kind: "process",
    workers: 1,
  });
  const p = new Process({
    module: new URL("../../conformance/fixtures/tasks.mjs", import.meta.url),
    target: "square",
    args: [2],
    kind: "process",
  });
  p.start();
  await pool.apply("square", [1]);
  pool.close();
  await Promise.all([pool.join(), p.join()]);
  const pid = p.pid as number;
  expect(pid).toBeGreaterThan(0);
  expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
});

describe('engine "tinypool"', () => {
  const module = new URL("../../conformance/fixtures/tasks.mjs", import.meta.url);

  it("runs tasks through the same API", async () => {
    const pool = new Pool({ module, engine: "tinypool", workers: 2 });
    pools.push(pool);
    expect(await pool.map("square", [1, 2, 3])).toEqual([1, 4, 9]);
    expect(await pool.apply("add", [1, 2])).toBe(3);
  });

  it("refuses what tinypool cannot do, and an unknown engine, with InvalidArgumentError", () => {
    expect(() => new Pool({ module, engine: "tinypool", maxTasksPerWorker: 2 })).toThrow(
      /maxTasksPerWorker is not available with engine "tinypool"/,
    );
    // @ts-expect-error: not an engine
    expect(() => new Pool({ module, engine: "piscina" })).toThrow(InvalidArgumentError);
  });
});
