// Node-specific behaviour beyond the conformance suite: TypeScript task modules, and programs
// whose awaited shutdown settles (the shared whole-program tests are in programs.test.ts).
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { Pool as CorePool } from "@multiproc/core/adapter";
import {
  Event,
  InvalidArgumentError,
  JoinableQueue,
  Lock,
  ModuleLoadError,
  Pipe,
  Pool,
  Process,
  Queue,
} from "@multiproc/node";
import { Pool as TinypoolPool } from "@multiproc/node/tinypool";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const pools: CorePool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

describe.each(["thread", "process"] as const)('kind "%s"', (kind) => {
  it('a TypeScript module read as CommonJS (npm\'s default "type") says to add "type": "module"', async () => {
    const pool = new Pool({
      module: new URL("./fixtures/commonjs/tasks.ts", import.meta.url),
      kind,
      workers: 1,
    });
    pools.push(pool);
    const error = await pool.apply("one").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleLoadError);
    expect((error as Error).message).toMatch(/is an ES module, read as CommonJS/);
    expect((error as Error).message).toMatch(/add "type": "module" to package\.json, or name the file \.mts/);
  });

  it('the same module under tsx started with the program (`tsx main.ts`): it runs, or the error says to add "type": "module"', async () => {
    const script = new URL("./fixtures/tsx-commonjs.mjs", import.meta.url);
    const tsx = import.meta.resolve("tsx");
    const { stdout } = await run(process.execPath, ["--import", tsx, script.pathname, kind], {
      timeout: 20_000,
    });
    const outcome = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
    // Node 24's threads load it as the ES module it is; elsewhere it must fail with the fix in the
    // message, never with UnknownTaskError ("function exports: none", as Node 20's threads did).
    if ("result" in outcome) {
      expect(outcome.result).toBe(1);
    } else {
      expect(outcome.name).toBe("ModuleLoadError");
      expect(outcome.message).toMatch(/read (it, )?as CommonJS/);
      expect(outcome.message).toMatch(/add "type": "module" to package\.json, or name the file \.mts/);
    }
  });

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

it("a Queue handed to a thread is an instance of the Queue its task module imports (the bundled entry holds another copy of core)", async () => {
  const pool = new Pool({ module: new URL("./fixtures/talk-instanceof.mjs", import.meta.url), workers: 1 });
  pools.push(pool);
  expect(await pool.apply("classOf", [new Queue()])).toEqual({ queue: true, joinable: false });
  expect(await pool.apply("classOf", [new JoinableQueue()])).toEqual({ queue: true, joinable: true });
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

describe("@multiproc/node/tinypool", () => {
  const module = new URL("../../conformance/fixtures/tasks.mjs", import.meta.url);

  it("runs tasks through the same API", async () => {
    const pool = new TinypoolPool({ module, workers: 2 });
    pools.push(pool);
    expect(pool).toBeInstanceOf(CorePool);
    expect(await pool.map("square", [1, 2, 3])).toEqual([1, 4, 9]);
    expect(await pool.apply("add", [1, 2])).toBe(3);
  });

  it("refuses what tinypool cannot do with InvalidArgumentError", async () => {
    const pool = new TinypoolPool({ module, workers: 1 });
    pools.push(pool);
    await expect(pool.apply("square", [2], { onProgress: () => {} })).rejects.toThrow(
      /onProgress is not available with engine "tinypool"/,
    );
    expect(() => new TinypoolPool({ module, maxTasksPerWorker: 2 })).toThrow(InvalidArgumentError);
    expect(() => new TinypoolPool({ module, maxTasksPerWorker: 2 })).toThrow(
      /maxTasksPerWorker is not available with engine "tinypool"/,
    );
  });

  it("refuses a Queue, Lock, … in a call's arguments and in initArgs, saying to use the default engine", async () => {
    const pool = new TinypoolPool({ module, workers: 1 });
    pools.push(pool);
    const queue = new Queue();
    await expect(pool.apply("add", [{ queue }, 1])).rejects.toThrow(InvalidArgumentError);
    await expect(pool.apply("add", [[new Lock()], 1])).rejects.toThrow(
      /a Lock cannot be handed to a task with engine "tinypool".*use the default engine/,
    );
    for (const initArgs of [[queue], [{ nested: [new Event()] }], [Pipe()[1]]]) {
      const make = () => new TinypoolPool({ module, workers: 1, initializer: "init", initArgs });
      expect(make).toThrow(InvalidArgumentError);
      expect(make).toThrow(
        /in initArgs cannot be handed to the workers of engine "tinypool".*use the default engine/,
      );
    }
    const [, end] = Pipe();
    expect(() => new TinypoolPool({ module, workers: 1, initArgs: [end] })).toThrow(InvalidArgumentError);
    expect(end.closed).toBe(false); // refused before anything was handed
  });

  it("is never loaded by @multiproc/node itself", () => {
    const reached = (entry: string) => reachableFrom(new URL(`../src/${entry}`, import.meta.url));
    expect(reached("index.ts")).not.toContain("tinypool-engine.ts");
    expect(reached("index.ts")).not.toContain("tinypool");
    expect(reached("tinypool.ts")).toContain("tinypool-engine.ts"); // the walk does follow imports
    expect(reached("tinypool.ts")).toContain("tinypool");
  });
});

/** The files and packages a source file reaches by its static imports, following the package's own files. */
function reachableFrom(file: URL): string[] {
  const seen = new Set<string>();
  const visit = (at: URL) => {
    const code = readFileSync(at, "utf8");
    for (const [, spec] of code.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)) {
      if (!spec?.startsWith(".")) {
        if (spec) seen.add(spec);
        continue;
      }
      const next = new URL(spec, at);
      const name = next.pathname.slice(next.pathname.lastIndexOf("/") + 1);
      if (seen.has(name)) continue;
      seen.add(name);
      visit(next);
    }
  };
  visit(file);
  return [...seen];
}
