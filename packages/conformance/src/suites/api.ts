// Every Pool method, the AsyncResult contract, and values that must survive the trip to a worker and back.
import { InvalidStateError, TimeoutError } from "@multiproc/core";
import { expect, it } from "vitest";
import { type Context, sleep } from "../context.ts";

export function apiTests(ctx: Context): void {
  it("apply runs a task and resolves with its result", async () => {
    const pool = ctx.pool();
    expect(await pool.apply("square", [7])).toBe(49);
    expect(await pool.apply("add", [2, 3])).toBe(5);
    expect(await pool.apply("none")).toBe("nothing needed");
  });

  it("applyAsync gives an AsyncResult: thenable, get, wait, ready, successful", async () => {
    const pool = ctx.pool();
    const result = pool.applyAsync("sleep", [100, "done"]);
    expect(result.ready()).toBe(false);
    expect(() => result.successful()).toThrow(InvalidStateError);
    await result.wait();
    expect(result.ready()).toBe(true);
    expect(result.successful()).toBe(true);
    expect(await result.get()).toBe("done");
    expect(await result).toBe("done");
  });

  it("AsyncResult of a failed task: successful() is false and get() rejects", async () => {
    const pool = ctx.pool();
    const result = pool.applyAsync("fail", ["no"]);
    await result.wait();
    expect(result.successful()).toBe(false);
    await expect(result.get()).rejects.toThrow("no");
  });

  it("get({ timeout }) rejects with TimeoutError and leaves the task running", async () => {
    const pool = ctx.pool();
    const result = pool.applyAsync("sleep", [300, "late"]);
    await expect(result.get({ timeout: 30 })).rejects.toBeInstanceOf(TimeoutError);
    expect(result.ready()).toBe(false);
    expect(await result.get()).toBe("late");
  });

  it("wait({ timeout }) returns when the time runs out, without the result", async () => {
    const pool = ctx.pool();
    const result = pool.applyAsync("sleep", [300]);
    await result.wait({ timeout: 20 });
    expect(result.ready()).toBe(false);
  });

  it("map returns results in input order, with automatic and explicit chunks", async () => {
    const pool = ctx.pool();
    const input = Array.from({ length: 50 }, (_, i) => i);
    expect(await pool.map("square", input)).toEqual(input.map((x) => x * x));
    expect(await pool.map("square", input, { chunksize: 7 })).toEqual(input.map((x) => x * x));
    expect(await pool.map("square", [])).toEqual([]);
    expect(await pool.map("square", new Set([3, 4]))).toEqual([9, 16]);
  });

  it("map gives every number back as it was: -0, NaN, infinities, fractions, big integers", async () => {
    const pool = ctx.pool();
    const special = [-0, 0, Number.NaN, Infinity, -Infinity, 0.1, -2.5, 2 ** 53 + 2, -(2 ** 31)];
    special.push(Number.MIN_VALUE, Number.MAX_VALUE);
    // Enough for chunks of more than a few items: those are the ones that travel packed (records.ts).
    const input = Array.from({ length: 440 }, (_, i) => special[i % special.length] as number);
    const out = await pool.map("echo", input);
    expect(out).toHaveLength(input.length);
    expect(out.flatMap((value, i) => (Object.is(value, input[i]) ? [] : [{ i, value }]))).toEqual([]);
    // Numbers in, not only numbers out; and numbers among other values, both ways.
    const numbers = Array.from({ length: 300 }, (_, i) => i);
    expect(await pool.map("evenOrText", numbers)).toEqual(numbers.map((x) => (x % 2 === 0 ? x : `odd ${x}`)));
    const mixed = [...numbers, "thirty", 31n, null];
    expect(await pool.map("echo", mixed)).toEqual(mixed);
  });

  it("mapAsync and starmapAsync give AsyncResults of lists", async () => {
    const pool = ctx.pool();
    expect(await pool.mapAsync("square", [1, 2, 3]).get()).toEqual([1, 4, 9]);
    expect(
      await pool
        .starmapAsync("add", [
          [1, 1],
          [2, 2],
        ])
        .get(),
    ).toEqual([2, 4]);
  });

  it("starmap spreads each argument list", async () => {
    const pool = ctx.pool();
    expect(
      await pool.starmap("add", [
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toEqual([3, 7, 11]);
  });

  it("imap yields in input order from a generator, sync or async", async () => {
    const pool = ctx.pool();
    function* numbers() {
      for (let i = 0; i < 20; i++) yield i;
    }
    async function* later() {
      for (let i = 0; i < 5; i++) yield i;
    }
    const out: number[] = [];
    for await (const y of pool.imap("square", numbers(), { chunksize: 3 })) out.push(y);
    expect(out).toEqual([...numbers()].map((x) => x * x));
    const fromAsync: number[] = [];
    for await (const y of pool.imap("square", later())) fromAsync.push(y);
    expect(fromAsync).toEqual([0, 1, 4, 9, 16]);
  });

  it("imap reads an endless generator only a bounded way ahead", async () => {
    const pool = ctx.pool({ workers: 2 });
    let pulled = 0;
    function* endless() {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    const taken: number[] = [];
    for await (const y of pool.imap("square", endless())) {
      taken.push(y);
      if (taken.length === 10) break;
    }
    expect(taken).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
    // read-ahead is workers × concurrency × 2 chunks of 1
    expect(pulled).toBeLessThanOrEqual(10 + 2 * 1 * 2 + 1);
  });

  it("imapUnordered yields in completion order", async () => {
    const pool = ctx.pool({ workers: 2 });
    // Both workers up first: on a loaded machine a worker still starting would run the short
    // task after the long one, on the other worker, and the order would be the start order.
    await Promise.all([pool.apply("sleep", [50]), pool.apply("sleep", [50])]);
    const out: number[] = [];
    for await (const y of pool.imapUnordered("sleep", [600, 20])) out.push(y);
    expect(out).toEqual([20, 600]);
  });

  // Results not yet taken count against the read-ahead: when tasks finish faster than an async
  // source yields, imapUnordered must still yield early instead of reading the whole source.
  it("imapUnordered yields while a slow async source is still being read", async () => {
    const pool = ctx.pool({ workers: 2 });
    await pool.map("square", [1, 2, 3, 4]); // both workers up: tasks finish faster than the source
    let pulled = 0;
    async function* slow() {
      for (let i = 0; i < 60; i++) {
        await sleep(2);
        pulled++;
        yield i;
      }
    }
    const taken: number[] = [];
    for await (const y of pool.imapUnordered("square", slow())) {
      taken.push(y);
      if (taken.length === 3) break;
    }
    // read-ahead is workers × concurrency × 2 chunks of 1 beyond what was taken
    expect(pulled).toBeLessThanOrEqual(3 + 2 * 1 * 2 + 1);
  });

  it("round-trips Map, Set, Date, typed arrays, bigint, nested objects and special numbers", async () => {
    const pool = ctx.pool();
    const value = {
      map: new Map<unknown, unknown>([
        ["a", 1],
        [2, { b: [3] }],
      ]),
      set: new Set([1, "x"]),
      date: new Date("2020-06-25T12:00:00Z"),
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([0.5, -1]),
      big: 2n ** 70n,
      nested: { deep: { deeper: [null, undefined, true, "s"] } },
      special: [Number.NaN, -0, Number.POSITIVE_INFINITY],
      regexp: /a+b/gi,
    };
    expect(await pool.apply("echo", [value])).toEqual(value);
  });

  it("transfer moves an ArrayBuffer instead of copying it", async () => {
    const pool = ctx.pool();
    const buffer = new ArrayBuffer(1024);
    expect(await pool.apply("byteLength", [buffer], { transfer: [buffer] })).toBe(1024);
    expect(buffer.byteLength).toBe(0);
  });
}
