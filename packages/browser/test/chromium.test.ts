// @multiproc/browser in headless Chromium: the built package loaded as plain ES modules (an import
// map, no bundler), each test run in the page by page.evaluate and its outcome checked here.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as BrowserPackage from "../src/index.ts";
import { launchChromium, noChromium } from "./harness/chromium.ts";
import { openPackagePage, PAGE_ROUTES, type StaticServer, serveStatic } from "./harness/package-page.ts";

declare global {
  interface Window {
    multiproc: typeof BrowserPackage & { browserAdapter: import("@multiproc/core/adapter").Adapter };
  }
}

/** An error as it crosses from the page: what the tests compare. */
interface Caught {
  name: string;
  message: string;
  stack: string;
  isExitError?: boolean;
}

describe.skipIf(noChromium !== "")(
  `@multiproc/browser in Chromium${noChromium ? ` [skipped: ${noChromium}]` : ""}`,
  () => {
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      server = await serveStatic(PAGE_ROUTES);
      browser = await launchChromium();
      page = await openPackagePage(browser, server, pageErrors);
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("map, apply and applyAsync on Web Workers, the module given relative to the page", async () => {
      const out = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 2 });
        try {
          const squares = await pool.map("square", [1, 2, 3, 4, 5, 6, 7, 8], { chunksize: 3 });
          const sum = await pool.apply("add", [2, 3]);
          const late = pool.applyAsync("sleep", [20, "late"]);
          const where = (await pool.apply("whereAmI", [])) as { worker: boolean; href: string };
          return { squares, sum, late: await late, where, total: pool.stats().workers.total };
        } finally {
          pool.close();
          await pool.join();
        }
      });
      expect(out.squares).toEqual([1, 4, 9, 16, 25, 36, 49, 64]);
      expect(out.sum).toBe(5);
      expect(out.late).toBe("late");
      expect(out.where.worker).toBe(true); // it ran in a Web Worker, not in the page
      expect(out.where.href).toBe(`${server.url}/pkg/browser/thread-entry.js`);
      expect(out.total).toBe(2);
    });

    it("structured values round-trip: Map, Set, Date, bigint, typed arrays", async () => {
      const ok = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: new URL("./tasks.js", location.href), workers: 1 });
        try {
          const value = {
            m: new Map([[1, "a"]]),
            s: new Set([2n]),
            d: new Date(5),
            t: new Uint8Array([7, 8]),
          };
          const back = (await pool.apply("echo", [value])) as typeof value;
          return (
            back.m.get(1) === "a" &&
            back.s.has(2n) &&
            back.d.getTime() === 5 &&
            back.t instanceof Uint8Array &&
            back.t[1] === 8
          );
        } finally {
          await pool.terminate();
        }
      });
      expect(ok).toBe(true);
    });

    it("a hard timeout stops a task in a synchronous loop, and the pool goes on on a new worker", async () => {
      const out = await page.evaluate(async () => {
        const { Pool, TimeoutError } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 1 });
        try {
          const started = performance.now();
          const error = await pool.apply("spin", [], { timeout: 300 }).then(
            () => undefined,
            (e: Error) => ({ name: e.name, isTimeout: e instanceof TimeoutError }),
          );
          const ms = performance.now() - started;
          const after = await pool.apply("square", [12]);
          return { error, ms, after, stats: pool.stats() };
        } finally {
          await pool.terminate();
        }
      });
      expect(out.error).toEqual({ name: "TimeoutError", isTimeout: true });
      expect(out.ms).toBeGreaterThanOrEqual(290);
      expect(out.after).toBe(144);
    });

    it("an AbortSignal stops a running task the same way", async () => {
      const out = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 1 });
        try {
          const controller = new AbortController();
          const running = pool.apply("spin", [], { signal: controller.signal });
          setTimeout(() => controller.abort(), 100);
          const name = await running.then(
            () => "resolved",
            (e: Error) => e.name,
          );
          return { name, after: await pool.apply("add", [1, 1]) };
        } finally {
          await pool.terminate();
        }
      });
      expect(out.name).toBe("AbortError");
      expect(out.after).toBe(2);
    });

    it("Process: runs one export; exitCode 0, 1 on a throw; terminate() reports -15 and kill() -9", async () => {
      const out = await page.evaluate(async () => {
        const { Process } = window.multiproc;
        const ok = new Process({ module: "./tasks.js", target: "add", args: [20, 22] });
        const aliveBefore = ok.isAlive();
        ok.start();
        const aliveDuring = ok.isAlive();
        await ok.join();
        const result = await ok.result;

        const fails = new Process({ module: "./tasks.js", target: "throwsTypeError", args: ["no"] });
        fails.start();
        await fails.join();
        const failure = await fails.result.then(
          () => "",
          (e: Error) => `${e.name}: ${e.message}`,
        );

        const terminated = new Process({ module: "./tasks.js", target: "spin" });
        terminated.start();
        await new Promise((r) => setTimeout(r, 150));
        terminated.terminate();
        await terminated.join();

        const killed = new Process({ module: "./tasks.js", target: "spin" });
        killed.start();
        await new Promise((r) => setTimeout(r, 150));
        killed.kill();
        await killed.join({ timeout: 5000 });
        const killedError = await killed.result.then(
          () => "",
          (e: Error) => e.name,
        );
        return {
          aliveBefore,
          aliveDuring,
          result,
          okCode: ok.exitCode,
          okAlive: ok.isAlive(),
          failure,
          failsCode: fails.exitCode,
          terminatedCode: terminated.exitCode,
          killedCode: killed.exitCode,
          killedAlive: killed.isAlive(),
          killedError,
        };
      });
      expect(out).toEqual({
        aliveBefore: false,
        aliveDuring: true,
        result: 42,
        okCode: 0,
        okAlive: false,
        failure: "TypeError: no",
        failsCode: 1,
        terminatedCode: -15,
        killedCode: -9,
        killedAlive: false,
        killedError: "WorkerExitError",
      });
    });

    it("terminate() rejects the unfinished calls and ends every worker; a closed pool refuses calls", async () => {
      const out = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 2 });
        const calls = [pool.apply("spin", []), pool.apply("sleep", [10_000]), pool.apply("square", [3])];
        const settled = Promise.allSettled(calls);
        await new Promise((r) => setTimeout(r, 200));
        await pool.terminate();
        const outcomes = (await settled).map((s) =>
          s.status === "fulfilled" ? s.value : (s.reason as Error).name,
        );
        const refused = await pool.apply("square", [2]).then(
          () => "",
          (e: Error) => e.name,
        );
        return { outcomes, workers: pool.stats().workers.total, refused };
      });
      // The spinning and sleeping calls were running and are rejected; square ran on no worker.
      expect(out.outcomes[0]).toMatch(/Error$/);
      expect(out.outcomes[1]).toMatch(/Error$/);
      expect(out.outcomes[2]).toMatch(/Error$/);
      expect(out.workers).toBe(0);
      expect(out.refused).toBe("PoolClosedError");
    });

    it("imap yields in input order, lazily; imapUnordered in completion order", async () => {
      const out = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 2 });
        try {
          let pulled = 0;
          function* numbers() {
            for (let i = 1; i <= 20; i++) {
              pulled++;
              yield i;
            }
          }
          const ordered: number[] = [];
          for await (const y of pool.imap("square", numbers())) ordered.push(y as number);
          const unordered: unknown[] = [];
          for await (const y of pool.imapUnordered("waitMs", [300, 10])) unordered.push(y);
          return { ordered, pulled, unordered };
        } finally {
          await pool.terminate();
        }
      });
      expect(out.ordered).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) ** 2));
      expect(out.pulled).toBe(20);
      expect(out.unordered).toEqual([10, 300]);
    });

    it("errors: a task's own error, an unknown export, a missing module, arguments that cannot be sent", async () => {
      const out = await page.evaluate(async () => {
        const { Pool } = window.multiproc;
        const caught = (p: Promise<unknown>) =>
          p.then(
            () => undefined,
            (e: Error) => ({ name: e.name, message: e.message, stack: String(e.stack) }),
          );
        const pool = new Pool({ module: "./tasks.js", workers: 1 });
        const missing = new Pool({ module: "./no-such-tasks.js", workers: 1 });
        try {
          return {
            thrown: await caught(pool.apply("throwsTypeError", ["bad input"])),
            unknown: await caught(pool.apply("noSuchExport" as "square", [1])),
            uncloneable: await caught(pool.apply("echo", [() => 1])),
            missing: await caught(missing.apply("square", [1])),
            stillWorks: await pool.apply("square", [9]),
          };
        } finally {
          await pool.terminate();
          await missing.terminate();
        }
      });
      const thrown = out.thrown as Caught;
      expect(thrown.name).toBe("TypeError");
      expect(thrown.message).toBe("bad input");
      expect(thrown.stack).toContain("tasks.js"); // the worker's stack, where it was thrown
      expect(out.unknown?.name).toBe("UnknownTaskError");
      expect(out.unknown?.message).toContain("noSuchExport");
      expect(out.uncloneable?.name).toBe("SerializationError");
      expect(out.missing?.name).toBe("ModuleLoadError");
      expect(out.missing?.message).toContain("no-such-tasks.js");
      expect(out.stillWorks).toBe(81);
    });

    it("a worker that closes itself, or dies of an uncaught error, fails its task with WorkerExitError and is replaced", async () => {
      const out = await page.evaluate(async () => {
        const { Pool, WorkerExitError } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 1 });
        try {
          const closed = await pool.apply("closesItself", []).then(
            (v) => ({ resolved: v }),
            (e: Error) => ({ name: e.name, isExit: e instanceof WorkerExitError, message: e.message }),
          );
          const crashed = await pool.apply("failsLater", []).then(
            (v) => ({ resolved: v }),
            (e: Error) => ({ name: e.name, isExit: e instanceof WorkerExitError, message: e.message }),
          );
          return { closed, crashed, after: await pool.apply("square", [5]), stats: pool.stats() };
        } finally {
          await pool.terminate();
        }
      });
      expect(out.closed).toMatchObject({ name: "WorkerExitError", isExit: true });
      expect(out.crashed).toMatchObject({ name: "WorkerExitError", isExit: true });
      expect(out.after).toBe(25);
    });

    it('kind "process" is refused with the reason; availableParallelism is navigator.hardwareConcurrency', async () => {
      const out = await page.evaluate(() => {
        const { Pool, Process, InvalidArgumentError, browserAdapter } = window.multiproc;
        const refused = (make: () => unknown) => {
          try {
            make();
            return undefined;
          } catch (e) {
            return {
              name: (e as Error).name,
              message: (e as Error).message,
              typed: e instanceof InvalidArgumentError,
            };
          }
        };
        return {
          pool: refused(() => new Pool({ module: "./tasks.js", kind: "process" })),
          process: refused(() => new Process({ module: "./tasks.js", target: "square", kind: "process" })),
          parallelism: browserAdapter.availableParallelism(),
          cores: navigator.hardwareConcurrency,
          resolved: browserAdapter.resolveModule("tasks.js"),
          absolute: browserAdapter.resolveModule("/page/tasks.js"),
        };
      });
      for (const refused of [out.pool, out.process]) {
        expect(refused).toMatchObject({ name: "InvalidArgumentError", typed: true });
        expect(refused?.message).toContain("a page cannot start processes");
      }
      expect(out.parallelism).toBe(out.cores);
      expect(out.resolved).toBe(`${server.url}/page/tasks.js`);
      expect(out.absolute).toBe(`${server.url}/page/tasks.js`);
    });

    // Whole programs, as a page has them: its workers end with it, whatever its pools were doing.
    async function pageWithBusyWorkers(task: "spin" | "square") {
      const busy = await openPackagePage(browser, server, pageErrors);
      const closed: Promise<void>[] = [];
      busy.on("worker", (worker) =>
        closed.push(new Promise((resolve) => worker.on("close", () => resolve()))),
      );
      await busy.evaluate((name) => {
        const { Pool } = window.multiproc;
        const pool = new Pool({ module: "./tasks.js", workers: 2 }); // never closed
        (window as unknown as { running: unknown }).running = pool.map(name, [1, 2, 3, 4], { chunksize: 1 });
        return new Promise((resolve) => setTimeout(resolve, 300));
      }, task);
      expect(busy.workers()).toHaveLength(2);
      return { busy, closed };
    }

    it("a page that never closes its pool leaves no worker once it navigates away", async () => {
      const { busy, closed } = await pageWithBusyWorkers("square");
      await busy.goto("about:blank");
      await Promise.all(closed); // each worker of the pool ended (a hang here fails the test)
      expect(busy.workers()).toHaveLength(0);
      await busy.close();
    });

    it("a page closed while its workers spin in a synchronous loop leaves none running", async () => {
      const { busy, closed } = await pageWithBusyWorkers("spin");
      await busy.close();
      await Promise.all(closed);
      expect(closed).toHaveLength(2);
    });

    it("left no error on the page", () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
