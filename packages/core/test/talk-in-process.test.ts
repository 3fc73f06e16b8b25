// Queue, Lock, Value, Pipe handed to in-process workers: revived on the other side of the wire
// as live objects over the same memory; kind "process" refused up front.
import { describe, expect, it } from "vitest";
import { bindAdapter } from "../src/adapter-api.ts";
import { inProcessAdapter } from "../src/in-process-api.ts";
import { InvalidArgumentError, InvalidStateError } from "../src/parent/errors.ts";
import { Event } from "../src/talk/event.ts";
import { Lock } from "../src/talk/lock.ts";
import { Pipe } from "../src/talk/pipe.ts";
import { Queue } from "../src/talk/queue.ts";
import { Value } from "../src/talk/shared-value.ts";
import { fakeAdapter } from "./fake-adapter.ts";

const { Pool, Process } = bindAdapter(inProcessAdapter);
const tasks = new URL("./fixtures/talk-tasks.mjs", import.meta.url);

describe("talking objects handed to workers (in-process adapter)", () => {
  it("a Process puts on a Queue the parent gets from", async () => {
    const q = new Queue<number>();
    const p = new Process({ module: tasks, target: "produce", args: [q, 5] });
    p.start();
    const got = [];
    for (let i = 0; i < 5; i++) got.push(await q.get({ timeout: 2000 }));
    await p.join();
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(p.exitCode).toBe(0);
  });

  it("objects nested in a call's arguments arrive live; a Value's lock guards its updates", async () => {
    await using pool = new Pool({ module: tasks, workers: 2 });
    const counter = new Value("i", 0);
    const results = await Promise.all([
      pool.apply("bump", [{ counter }, 50]),
      pool.apply("bump", [{ counter }, 50]),
    ]);
    expect(counter.value).toBe(100);
    expect(Math.max(...(results as number[]))).toBe(100);
    const names = await pool.apply("talkerNames", [new Queue(), [new Lock()], { e: new Event() }]);
    expect(names).toEqual(["[object Queue]", "[object Array]", "[object Object]"]);
  });

  it("a Pipe's end handed to a worker is detached here; closing it there gives EOF here", async () => {
    const [mine, theirs] = Pipe<string>();
    const p = new Process({ module: tasks, target: "echo", args: [theirs] });
    p.start();
    expect(theirs.closed).toBe(true); // handed over
    theirs.close(); // a no-op
    mine.send("ping");
    expect(await mine.recv()).toBe("ping");
    mine.close();
    await p.join();
    expect(await p.result).toBe("EOFError");
  });

  it("a worker that ends holding a Lock leaves it free", async () => {
    const lock = new Lock();
    const held = new Event();
    const p = new Process({ module: tasks, target: "holdLock", args: [lock, held] });
    p.start();
    expect(await held.wait(2000)).toBe(true);
    expect(await lock.acquire({ timeout: 50 })).toBe(false);
    p.kill();
    await p.join();
    // In-process workers share the parent's thread (and its owner id): the parent's own hold is not freed.
    expect(lock.locked()).toBe(true);
    lock.release();
  });

  it('kind "process" refuses them at once, naming kind "thread"', () => {
    const adapter = { ...fakeAdapter(), kinds: ["thread", "process"] as const };
    const bound = bindAdapter({
      ...adapter,
      capabilities: { thread: adapter.capabilities.thread, process: adapter.capabilities.thread },
    });
    const make = () =>
      new bound.Process({ module: tasks, target: "produce", kind: "process", args: [{ q: new Queue() }] });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(/kind "thread"/);
    expect(() => new bound.Pool({ module: tasks, kind: "process", initArgs: [new Lock()] })).toThrow(
      /Lock in initArgs cannot reach a worker of kind "process"/,
    );
  });

  describe("a Pipe's end can be handed over only once", () => {
    const onlyOnce = /handed to one worker only.*own Pipe.*Queue/;

    it("in initArgs of a Pool that starts more than one worker: InvalidArgumentError at new Pool, the end kept", () => {
      const [, theirs] = Pipe();
      for (const options of [
        { workers: 2 },
        { workers: 1, maxTasksPerWorker: 5 },
        { workers: 1, idleTimeout: 100 },
      ]) {
        const make = () =>
          new Pool({ module: tasks, initializer: "keepConn", initArgs: [{ conn: theirs }], ...options });
        expect(make).toThrow(InvalidArgumentError);
        expect(make).toThrow(onlyOnce);
      }
      expect(() => new Pool({ module: tasks, initArgs: [theirs], workers: 2 })).toThrow(/workers: 2/);
      expect(theirs.closed).toBe(false); // refused before anything was handed
    });

    it("in initArgs of a one-worker Pool it reaches that worker; handed again, InvalidStateError saying why", async () => {
      const [mine, theirs] = Pipe<string>();
      await using pool = new Pool({ module: tasks, workers: 1, initializer: "keepConn", initArgs: [theirs] });
      expect(await pool.apply("sendOnInitConn", ["hello"])).toBe("hello");
      expect(await mine.recv()).toBe("hello");
      expect(theirs.closed).toBe(true);
      const again = () =>
        new Pool({ module: tasks, workers: 1, initializer: "keepConn", initArgs: [theirs] });
      expect(again).toThrow(InvalidStateError);
      expect(again).toThrow(/handed to a worker already.*only once.*one Pipe per worker, or use a Queue/);
      expect(() => new Process({ module: tasks, target: "echo", args: [theirs] })).toThrow(InvalidStateError);
    });

    it("named twice in one hand-off, it goes once and arrives as one end", async () => {
      const [, theirs] = Pipe();
      await using pool = new Pool({ module: tasks, workers: 1 });
      expect(await pool.apply("sameEnd", [theirs, { again: theirs }.again])).toBe(true);
      await expect(pool.apply("sameEnd", [theirs, theirs])).rejects.toThrow(/handed to a worker already/);
    });
  });
});
