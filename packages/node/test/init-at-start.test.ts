// Kind "thread" hands a worker its init message as it starts (an argument, taken out of
// process.argv again: tasks see neither it nor a workerData), so the worker loads
// its task module at once instead of first waiting for a message; with initArgs, whose clone
// errors must come from a send, init is still posted.
import { Worker } from "node:worker_threads";
import { Pool, Process } from "@multiproc/node";
import { afterEach, expect, it } from "vitest";

const tasks = new URL("../../conformance/fixtures/tasks.mjs", import.meta.url);
/** The fixture's exports used here (it ships no types). */
type Tasks = {
  add(a: number, b: number): number;
  init(value?: unknown): void;
  initState(): { initCount: number; initValue: unknown };
};

const post = Worker.prototype.postMessage;
const posted: string[] = [];
Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker["postMessage"]>) {
  posted.push((args[0] as { t: string }).t);
  return post.apply(this, args);
};
afterEach(() => {
  posted.length = 0;
});

it("a Process posts only its call and stop: its init went with the worker's start", async () => {
  const p = new Process<Tasks, "add">({ module: tasks, target: "add", args: [2, 3] });
  p.start();
  expect(await p.result).toBe(5);
  await p.join();
  expect(p.exitCode).toBe(0);
  expect(posted).toEqual(["call", "stop"]);
});

it("a pool's workers get their init at start, and an initializer with no arguments runs first", async () => {
  const pool = new Pool<Tasks>({ module: tasks, workers: 2, initializer: "init" });
  try {
    expect(await Promise.all([pool.apply("initState", []), pool.apply("initState", [])])).toEqual([
      { initCount: 1, initValue: undefined },
      { initCount: 1, initValue: undefined },
    ]);
  } finally {
    await pool.terminate();
  }
  expect(posted).not.toContain("init");
});

it("with initArgs, init is posted, and the initializer gets them", async () => {
  const pool = new Pool<Tasks>({ module: tasks, workers: 1, initializer: "init", initArgs: ["ready"] });
  try {
    expect(await pool.apply("initState", [])).toEqual({ initCount: 1, initValue: "ready" });
  } finally {
    await pool.terminate();
  }
  expect(posted.filter((t) => t === "init")).toHaveLength(1);
});

it("a task sees the program's argv and no workerData: the init argument was taken out", async () => {
  const probe = new URL("./fixtures/worker-view.mjs", import.meta.url);
  const p = new Process<{ view(): { argv: string[]; workerData: unknown } }, "view">({
    module: probe,
    target: "view",
  });
  p.start();
  const seen = await p.result;
  expect(seen.workerData).toBeUndefined();
  expect(seen.argv.some((arg) => arg.includes("multiproc-init"))).toBe(false);
  expect(seen.argv).toEqual([process.execPath, expect.stringMatching(/thread-entry\.[jt]s$/)]); // a worker's own
  expect(posted).toEqual(["call", "stop"]); // the init went as the argument all the same
});
