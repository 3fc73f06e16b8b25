// Bun-specific behaviour: the Bun issues the adapter works around, and TypeScript task modules
// (the shared whole-program tests are in programs.test.ts).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool, Process } from "@multiproc/bun";
import { countPosts } from "@multiproc/conformance";
import { afterEach, describe, expect, it } from "vitest";

const tasks = new URL("./fixtures/bun-tasks.ts", import.meta.url);
const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

async function runBun(script: string, ...args: string[]) {
  const child = Bun.spawn({
    cmd: [process.execPath, new URL(`./fixtures/${script}`, import.meta.url).pathname, ...args],
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  const [code, stdout] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  return { code, stdout };
}

it("a call made before the worker said hello keeps its transfer list (a MessagePort as the first call)", async () => {
  const pool = new Pool<typeof import("./fixtures/bun-tasks.ts")>({ module: tasks, workers: 1 });
  pools.push(pool as unknown as Pool);
  const { port1, port2 } = new MessageChannel();
  const greeting = new Promise((resolve) => {
    port1.addEventListener("message", (event) => resolve((event as MessageEvent).data));
    port1.start();
  });
  expect(await pool.apply("greetOn", [port2], { transfer: [port2] })).toBe(true);
  expect(await greeting).toBe("hello from the worker");
  port1.close();
});

describe('kind "thread": small calls go through shared memory (core wire/mailbox.ts)', () => {
  it("lone calls with plain arguments go through the mailbox, the others by postMessage", async () => {
    const pool = new Pool<typeof import("./fixtures/bun-tasks.ts")>({ module: tasks, workers: 1 });
    pools.push(pool as unknown as Pool);
    await pool.apply("shout", ["warm-up"]); // the worker is up: its mailbox is known
    const answers: unknown[] = [];
    const posted = await countPosts(Worker.prototype, async () => {
      for (let i = 0; i < 40; i++) answers.push(await pool.apply("echo", [{ i, text: "x".repeat(i) }]));
      for (let i = 0; i < 5; i++) answers.push(await pool.apply("echo", [new Map([[i, i]])]));
    });
    expect(posted).toBe(5);
    expect(answers[39]).toEqual({ i: 39, text: "x".repeat(39) });
    expect(answers[44]).toEqual(new Map([[4, 4]]));
  });

  it("an argument structured clone refuses is refused the same, though it looks plain (a Proxy)", async () => {
    const pool = new Pool<typeof import("./fixtures/bun-tasks.ts")>({ module: tasks, workers: 1 });
    pools.push(pool as unknown as Pool);
    await pool.apply("shout", ["warm-up"]);
    // Bun's postMessage refuses a Proxy (DataCloneError): so must the mailbox, though it looks plain.
    for (let i = 0; i < 3; i++) {
      const error = await pool.apply("echo", [new Proxy({ a: i }, {})]).catch((e: unknown) => e);
      expect((error as Error).name).toBe("SerializationError");
    }
  });
});

/** The code Bun's own "close" event gives a bare worker that calls process.exit(code). */
function bunsOwnCode(code: number | string): Promise<number> {
  const worker = new Worker(new URL("./fixtures/bare-exit.ts", import.meta.url), { type: "module" });
  const closed = new Promise<number>((resolve) =>
    worker.addEventListener("close", (event) => resolve((event as CloseEvent).code)),
  );
  worker.postMessage(code);
  return closed;
}

it("a thread that ends itself is known ended with the code Bun gives it, before Bun's close event", async () => {
  for (const code of [0, 3, 300, -1, "2"]) {
    const p = new Process({ module: tasks, target: "exitWith", args: [code] });
    p.start();
    await p.join();
    expect([code, p.exitCode]).toEqual([code, await bunsOwnCode(code)]);
  }
});

it("a thread's own exit listeners have run when join() returns", async () => {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-bun-"));
  try {
    const file = join(dir, "listener.txt");
    const p = new Process({ module: tasks, target: "exitWithSlowListener", args: [file] });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(existsSync(file)).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.each(["thread", "process"] as const)('kind "%s"', (kind) => {
  it("loads a TypeScript task module directly", async () => {
    const pool = new Pool<typeof import("./fixtures/bun-tasks.ts")>({ module: tasks, kind, workers: 1 });
    pools.push(pool as unknown as Pool);
    expect(await pool.apply("shout", ["hi"])).toBe("HI");
  });

  it("a big result sent just before the worker ends is not lost (bun#37849)", async () => {
    const p = new Process({ module: tasks, target: "bigResult", args: [{ size: 4_000_000 }], kind });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect((await p.result).length).toBe(4_000_000);
  });

  it("many workers started at once all get their first message (bun#5460)", async () => {
    const many = Array.from({ length: 8 }, () => new Pool({ module: tasks, kind, workers: 2 }));
    pools.push(...many);
    const answers = await Promise.all(many.map((pool, i) => pool.map("shout", [`a${i}`, `b${i}`])));
    expect(answers).toEqual(many.map((_, i) => [`A${i}`, `B${i}`]));
  });

  it("a task in a microtask-only loop is ended by its timeout and the program exits (bun PR #40128)", async () => {
    const run = await runBun("stuck-task.ts", kind);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ outcome: "TimeoutError", after: "ALIVE" });
  });
});
