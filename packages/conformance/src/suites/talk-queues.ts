// Queue, JoinableQueue and Pipe between the parent and workers of the kind under test, after
// CPython's _TestQueue and _TestConnection (Lib/test/_test_multiprocessing.py), plus the
// whole-program test: a producer Process, two consumers, a JoinableQueue, ending cleanly.
import {
  Event,
  InvalidArgumentError,
  JoinableQueue,
  Lock,
  Pipe,
  Queue,
  QueueFullError,
  SerializationError,
  Value,
} from "@multiproc/core";
import { expect, it } from "vitest";
import { type Context, sleep } from "../context.ts";

/** The suite's talking tasks. */
export const talkTasks = new URL("../../fixtures/talk-tasks.mjs", import.meta.url);

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await sleep(5);
  }
}

export function talkQueueTests(ctx: Context): void {
  const process = (target: string, args: unknown[]) => ctx.process({ module: talkTasks, target, args });

  it("Queue: a Process fills it to maxsize; full, Full on put, Empty on get, as _TestQueue.test_put/test_get", async () => {
    const q = new Queue<number>({ maxsize: 6 });
    const p = process("putRange", [q, 0, 6]);
    p.start();
    await until(() => q.qsize() === 6);
    expect([q.full(), q.empty()]).toEqual([true, false]);
    expect(() => q.putNowait(6)).toThrow(QueueFullError);
    const started = performance.now();
    await expect(q.put(6, { timeout: 100 })).rejects.toMatchObject({ name: expect.stringContaining("Full") });
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await q.get());
    expect(got).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(q.get({ block: false })).rejects.toMatchObject({ name: expect.stringContaining("Empty") });
    await expect(q.get({ timeout: 100 })).rejects.toMatchObject({ name: expect.stringContaining("Empty") });
    await p.join();
    expect(p.exitCode).toBe(0);
  });

  it("Queue: items a child puts arrive in order, many of them (_TestQueue.test_fork); a blocked get() wakes", async () => {
    const q = new Queue<number>({ maxsize: 10 });
    const pending = q.get(); // waits before anything is put
    const p = process("putRange", [q, 0, 2000]);
    p.start();
    const got = [await pending];
    for (let i = 1; i < 2000; i++) got.push(await q.get({ timeout: 10_000 }));
    expect(got).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    await p.join();
  });

  it("Queue: several producers and consumers; FIFO per producer, nothing lost or doubled", async () => {
    const q = new Queue<number>();
    const producers = [process("putRange", [q, 0, 300]), process("putRange", [q, 1000, 1300])];
    const consumers = [process("getAll", [q, 200]), process("getAll", [q, 200])];
    for (const p of [...producers, ...consumers]) p.start();
    const mine: number[] = [];
    for (let i = 0; i < 200; i++) mine.push(await q.get({ timeout: 10_000 }));
    const theirs = (await Promise.all(consumers.map((c) => c.result))) as number[][];
    const all = [mine, ...theirs];
    for (const list of all) {
      const low = list.filter((x) => x < 1000);
      const high = list.filter((x) => x >= 1000);
      expect(low).toEqual([...low].sort((a, b) => a - b));
      expect(high).toEqual([...high].sort((a, b) => a - b));
    }
    expect(all.flat().sort((a, b) => a - b)).toEqual([
      ...Array.from({ length: 300 }, (_, i) => i),
      ...Array.from({ length: 300 }, (_, i) => 1000 + i),
    ]);
  });

  it("JoinableQueue: join() returns once workers marked every item done (_TestQueue.test_task_done)", async () => {
    const q = new JoinableQueue<number | null>();
    const total = new Value("i", 0);
    const seen = new Event();
    const workers = [0, 1, 2].map(() => process("consume", [q, total, seen]));
    for (const w of workers) w.start();
    for (let i = 1; i <= 100; i++) await q.put(i);
    for (const _ of workers) await q.put(null);
    await q.join();
    expect(total.value).toBe(5050);
    await Promise.all(workers.map((w) => w.join()));
    expect(workers.map((w) => w.exitCode)).toEqual([0, 0, 0]);
  });

  it("whole program: a producer Process, two consumer Processes and a JoinableQueue end cleanly", async () => {
    const q = new JoinableQueue<number | null>({ maxsize: 8 });
    const total = new Value("d", 0);
    const seen = new Event();
    const producer = process("produce", [q, 500, 2]);
    const consumers = [process("consume", [q, total, seen]), process("consume", [q, total, seen])];
    for (const p of [producer, ...consumers]) p.start();
    await Promise.all([producer, ...consumers].map((p) => p.join()));
    expect(await producer.result).toBe("joined");
    const counts = (await Promise.all(consumers.map((c) => c.result))) as number[];
    expect((counts[0] ?? 0) + (counts[1] ?? 0)).toBe(500);
    expect(total.value).toBe((500 * 501) / 2);
    expect([producer, ...consumers].map((p) => p.exitCode)).toEqual([0, 0, 0]);
    expect(q.qsize()).toBe(0);
  });

  it("an item that cannot be copied is refused at once with SerializationError and takes no place", async () => {
    const q = new Queue();
    await expect(q.put({ f: () => 1 })).rejects.toBeInstanceOf(SerializationError);
    expect(q.empty()).toBe(true);
    const [a] = Pipe();
    expect(() => a.send(Symbol("s"))).toThrow(SerializationError);
  });

  it("objects nested in a Pool call's arguments, and in initArgs, arrive live", async () => {
    const q = new Queue<string>();
    const pool = ctx.pool({ module: talkTasks, workers: 1, initializer: "keepQueue", initArgs: [q] });
    const described = await pool.apply("describeArgs", [
      [new Lock(), new Value("i")],
      { e: new Event(), n: 1 },
    ]);
    expect(described).toEqual([["Lock", "Value"], { e: "Event", n: "Number" }]);
    await pool.apply("putOnInitQueue", ["from the initializer's queue"]);
    expect(await q.get({ timeout: 5000 })).toBe("from the initializer's queue");
  });

  it("Pipe: a worker echoes; poll() answers at once and with a timeout; EOF once it closes (_TestConnection)", async () => {
    const [mine, theirs] = Pipe<unknown>();
    const p = process("pipeEcho", [theirs]);
    p.start();
    expect(theirs.closed).toBe(true); // moved: detached here
    expect(await mine.poll()).toBe(false);
    const messages = [1, "two", { three: [3] }, new Uint8Array([4]), null];
    for (const m of messages) mine.send(m);
    expect(await mine.poll(5000)).toBe(true);
    for (const m of messages) expect(await mine.recv()).toEqual(m);
    mine.close();
    await p.join();
    expect(await p.result).toContain("EOF");
  });

  it("Pipe(false): one-way; what a child sent before closing is read, then EOF (test_duplex_false, test_spawn_close)", async () => {
    const [reader, writer] = Pipe<number>(false);
    const p = process("pipeSendAndClose", [writer, [1, 2, 3]]);
    p.start();
    const got = [await reader.recv(), await reader.recv(), await reader.recv()];
    expect(got).toEqual([1, 2, 3]);
    await expect(reader.recv()).rejects.toMatchObject({ name: expect.stringContaining("EOF") });
    await p.join();
  });
}

/** Kind "process": no shared memory, so the objects are refused up front, naming kind "thread". */
export function talkRefusedTests(ctx: Context): void {
  it('a Queue, Lock, … handed to a worker of kind "process" is refused with InvalidArgumentError naming kind "thread"', async () => {
    const make = () => ctx.process({ module: talkTasks, target: "putRange", args: [new Queue(), 0, 1] });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(/kind "thread"/);
    const pool = ctx.pool({ module: talkTasks, workers: 1 });
    await expect(pool.apply("describeArgs", [{ lock: new Lock() }])).rejects.toThrow(/kind "thread"/);
    expect(await pool.apply("describeArgs", [1])).toEqual(["Number"]); // the pool goes on
  });
}
