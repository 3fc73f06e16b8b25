// Deno-specific behaviour: the runtime bugs the adapter works around, permissions, TypeScript
// task modules, and programs that end by themselves.

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countPosts } from "@multiproc/conformance";
import { PROTOCOL_VERSION } from "@multiproc/core/adapter";
import { Pool, Process, WorkerExitError } from "@multiproc/deno";
import { afterEach, describe, expect, it } from "vitest";

const tasks = new URL("./fixtures/deno-tasks.ts", import.meta.url);
const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});
const pool = (kind: "thread" | "process") => {
  const p = new Pool<typeof import("./fixtures/deno-tasks.ts")>({ module: tasks, kind, workers: 1 });
  pools.push(p as unknown as Pool);
  return p;
};

/** Runs a fixture program with the workspace's deno; returns its exit code and output. */
async function runDeno(flags: string[], script: string, ...args: string[]) {
  const path = new URL(`./fixtures/${script}`, import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, path, ...args],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

describe.each(["thread", "process"] as const)('kind "%s"', (kind) => {
  it("loads a TypeScript task module directly", async () => {
    expect(await pool(kind).apply("shout", ["hi"])).toBe("HI");
  });

  it("a worker that calls Deno.exit() rejects its task with WorkerExitError and the exit code", async () => {
    const p = pool(kind);
    const error = await p.apply("denoExit", [6]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect((error as WorkerExitError).exitCode).toBe(6);
    expect(await p.apply("shout", ["still here"])).toBe("STILL HERE");
  });

  it("a big result sent just before the worker ends is not lost (deno#33085)", async () => {
    const p = new Process({ module: tasks, target: "bigResult", args: [{ size: 4_000_000 }], kind });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect((await p.result).length).toBe(4_000_000);
  });

  it("a program that never closes its pool exits by itself once idle (relative import)", async () => {
    const run = await runDeno(["-A"], "forgotten-pool.ts", kind);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('["A","B"]');
  });
});

describe('kind "thread": small calls and answers go through shared memory (core wire/mailbox.ts)', () => {
  it("lone calls with plain arguments go through the mailbox, the others by postMessage", async () => {
    const p = pool("thread");
    await p.apply("note", ["warm-up"]); // the worker is up: its mailboxes are known
    const posted = await countPosts(Worker.prototype, async () => {
      for (let i = 0; i < 40; i++) await p.apply("note", [`plain ${i}`, { i, text: "x".repeat(i) }]);
      for (let i = 0; i < 5; i++) await p.apply("note", [`not plain ${i}`, new Map([[i, i]])]);
    });
    expect(posted).toBe(5);
    expect((await p.apply("notes", [])).length).toBe(46);
  });

  it("an argument structured clone refuses is refused the same, though it looks plain (a Proxy)", async () => {
    const p = pool("thread");
    await p.apply("note", ["warm-up"]);
    for (let i = 0; i < 3; i++) {
      const error = await p.apply("echo", [new Proxy({ a: i }, {})]).catch((e: unknown) => e);
      expect((error as Error).name).toBe("SerializationError");
    }
  });

  it("answers come back exactly, whichever way each went", async () => {
    const p = pool("thread");
    const values = [0, -0, Number.NaN, "🌍", { a: [1, { b: null }] }, undefined, new Map([[1, 2]]), 2n];
    for (const value of values) expect(await p.apply("echo", [value])).toStrictEqual(value);
  });
});

it("a thread worker that calls self.close() rejects its task with WorkerExitError", async () => {
  const p = pool("thread");
  await expect(p.apply("closeSelf")).rejects.toBeInstanceOf(WorkerExitError);
  expect(await p.apply("shout", ["next"])).toBe("NEXT");
});

it("a process worker's console output reaches the terminal without breaking its messages", async () => {
  const p = pool("process");
  expect(await p.map("shout", ["one", "two", "three"])).toEqual(["ONE", "TWO", "THREE"]);
});

it('kind "process" ends a synchronous loop on timeout and the program exits (deno#35657 workaround)', async () => {
  const run = await runDeno(["-A"], "hard-timeout.ts");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ outcome: "TimeoutError" });
});

it('kind "process" without --allow-run fails with an error that names the flag (bare import)', async () => {
  const run = await runDeno(["--allow-read", "--allow-env"], "needs-run.ts");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    name: "WorkerStartError",
    message: expect.stringMatching(/--allow-run/),
  });
});

// Here @multiproc/deno is the workspace's own folder, not under node_modules, so Deno refuses even
// the worker entry: the worker dies at start-up. Installed, the entry loads (Deno lets a program
// read its npm packages) and the task module's read fails: ModuleLoadError, checked by
// tooling/install-test.
it("a program without --allow-read gets an error that names the flag, not a hang", async () => {
  const run = await runDeno(["--allow-env"], "no-permissions.ts");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({
    name: "WorkerExitError",
    message: expect.stringMatching(/during start-up: .*--allow-read/),
  });
});

it("works in a package.json project that has it in node_modules (bare specifier)", async () => {
  // A project outside this workspace: its own package.json, @multiproc/deno and @multiproc/core
  // linked into its node_modules as a package manager would put them.
  const project = mkdtempSync(join(tmpdir(), "multiproc-deno-project-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ type: "module", dependencies: { "@multiproc/deno": "*" } }),
  );
  mkdirSync(join(project, "node_modules", "@multiproc"), { recursive: true });
  for (const name of ["deno", "core"]) {
    symlinkSync(
      new URL(`../../${name}`, import.meta.url).pathname,
      join(project, "node_modules", "@multiproc", name),
    );
  }
  writeFileSync(
    join(project, "main.ts"),
    `import { Pool } from "@multiproc/deno";
const pool = new Pool({ module: ${JSON.stringify(tasks.href)}, workers: 1 });
console.log(await pool.apply("shout", ["from node_modules"]));
pool.close();
await pool.join();`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: project,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  expect(new TextDecoder().decode(out.stderr)).not.toMatch(/error/i);
  expect(out.code).toBe(0);
  expect(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)).toBe("FROM NODE_MODULES");
});

// Deno loads its Node layer on the first touch of a Node global (process, setImmediate, …): about
// 9 ms of a worker's start here. The thread entry must leave that to tasks that use Node's API.
it('kind "thread": a worker whose task uses no Node API touches no Node global, even watching its mailbox', async () => {
  const worker = new Worker(new URL("./fixtures/node-globals-watch.ts", import.meta.url), { type: "module" });
  const task = new URL("./fixtures/node-globals-task.ts", import.meta.url).href;
  const answers: { t: string; id?: number; value?: unknown }[] = [];
  let heard!: () => void;
  worker.onmessage = ({ data }) => {
    if (data.t === "thread-id") return;
    answers.push(data);
    heard();
  };
  const next = () => new Promise<void>((resolve) => (heard = resolve));
  try {
    // The entry's first message (its mailboxes) comes once it has loaded, its handler set.
    await next();
    let reply = next();
    worker.postMessage({ t: "init", v: PROTOCOL_VERSION, module: task });
    await reply;
    // `spin`: after answering, the worker watches its mailbox, put on its event loop as a task of its own.
    for (const [id, fn] of [
      [1, "touched"],
      [2, "touched"],
      [3, "touchesProcess"],
    ] as const) {
      reply = next();
      worker.postMessage({ t: "call", id, fn, args: [], spin: true });
      await reply;
      await new Promise((resolve) => setTimeout(resolve, 20)); // the watch has run by then
    }
  } finally {
    worker.terminate();
  }
  expect(answers.map((a) => a.t)).toEqual(["mailboxes", "ready", "ok", "ok", "ok"]);
  expect(answers[2]?.value).toEqual([]);
  expect(answers[3]?.value).toEqual([]);
  expect(answers[4]?.value).toContain("process"); // the watch sees a touch
});

describe('kind "thread": a worker stuck in a synchronous loop (deno#35657) is reported truthfully', () => {
  const conformance = new URL("../../conformance/fixtures/tasks.mjs", import.meta.url);

  it("terminate() leaves the Process alive, exitCode null, until its loop has really ended", async () => {
    const p = new Process({ module: conformance, target: "spin", args: [1500], kind: "thread" });
    p.start();
    await new Promise((resolve) => setTimeout(resolve, 400)); // the loop runs
    p.terminate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(p.isAlive()).toBe(true); // Deno cannot stop it: it still runs
    expect(p.exitCode).toBeNull();
    await p.join(); // its loop ends at 1.5 s, and then it is gone
    expect(p.isAlive()).toBe(false);
    expect(p.exitCode).toBe(-15);
    // Its answer, given after terminate(), does not count (it went to the mailbox, not posted).
    expect(await p.result.catch((e: Error) => e.name)).toBe("WorkerExitError");
  });

  it("a pool counts a timed-out worker it could not end, and terminate() still returns", async () => {
    const p = new Pool({ module: conformance, kind: "thread", workers: 2 });
    pools.push(p);
    await p.apply("square", [1]); // a worker up: the loop starts at once, and runs when the timeout comes
    const error = await p.apply("spin", [1500], { timeout: 200 }).catch((e: Error) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect(p.stats().workers.total).toBe(1); // the stuck one, still running its loop
    expect(await p.apply("square", [5])).toBe(25); // the pool goes on, on another worker
    await p.terminate();
    expect(p.workerCount).toBeGreaterThanOrEqual(1); // the stuck one runs on
    for (let i = 0; i < 100 && p.workerCount > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.workerCount).toBe(0); // its loop ended: now it is gone
  });
});
