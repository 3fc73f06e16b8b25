// A chunk's calls in the worker: plain results come back at once, as an array; from the first
// promise on, each call waits for the one before it, and the order of results never changes.
import { describe, expect, it } from "vitest";
import { type Packed, packedItems, packList, unpackList } from "../src/wire/records.ts";
import { listCalls, runChunk, runNumberChunk } from "../src/worker/run-chunk.ts";

describe("runChunk", () => {
  it("returns the results themselves when every call returns a plain value", () => {
    const out = runChunk((x) => (x as number) * 2, listCalls([1, 2, 3]), false);
    expect(out).toEqual([2, 4, 6]);
    expect(Array.isArray(out)).toBe(true);
    expect(
      runChunk(
        (a, b) => (a as number) + (b as number),
        listCalls([
          [1, 2],
          [3, 4],
        ]),
        true,
      ),
    ).toEqual([3, 7]);
  });

  it("awaits from the first promise on, starting each later call only after the one before settled", async () => {
    const log: string[] = [];
    const fn = (x: unknown) => {
      log.push(`start ${x}`);
      if (x === 2 || x === 4) return Promise.resolve().then(() => log.push(`end ${x}`) && `p${x}`);
      return x;
    };
    const out = runChunk(fn, listCalls([1, 2, 3, 4, 5]), false);
    expect(out).toBeInstanceOf(Promise);
    expect(log).toEqual(["start 1", "start 2"]);
    expect(await out).toEqual([1, "p2", 3, "p4", 5]);
    expect(log).toEqual(["start 1", "start 2", "end 2", "start 3", "start 4", "end 4", "start 5"]);
  });

  it("throws a synchronous failure at once, and rejects with a later one", async () => {
    expect(() =>
      runChunk(
        (x) => {
          if (x === 2) throw new Error("two");
          return x;
        },
        listCalls([1, 2, 3]),
        false,
      ),
    ).toThrow("two");
    const later = runChunk(
      (x) => (x === 1 ? Promise.resolve(1) : Promise.reject(new Error(`no ${x}`))),
      listCalls([1, 2]),
      false,
    );
    await expect(later).rejects.toThrow("no 2");
  });
});

describe("runChunk over packed items", () => {
  it("makes each item just before its call, equal to what unpackList gives", () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      a: i,
      b: `x${i}`,
      c: i % 2 === 0,
      d: null,
      e: -i,
    }));
    const packed = packList(items, false) as Packed;
    const seen: unknown[] = [];
    const out = runChunk(
      (item) => {
        seen.push(item);
        return seen.length;
      },
      packedItems(structuredClone(packed)),
      false,
    );
    expect(out).toEqual(items.map((_, i) => i + 1));
    expect(seen).toEqual(items);
    expect(seen).toEqual(unpackList(structuredClone(packed)));
    const numbers = Array.from({ length: 12 }, (_, i) => i / 4);
    expect(runChunk((x) => x, packedItems(packList(numbers, true) as Packed), false)).toEqual(numbers);
  });
});

describe("runNumberChunk: a packed chunk of numbers", () => {
  const column = (values: number[]) => Float64Array.from(values);

  it("answers numbers as a Float64Array, -0 and NaN kept, each call made once in order", () => {
    const seen: number[] = [];
    const out = runNumberChunk(
      (x) => {
        seen.push(x as number);
        return (x as number) === 2 ? -0 : (x as number) === 3 ? Number.NaN : (x as number) * 10;
      },
      column([1, 2, 3, 4]),
    );
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out as Float64Array)).toEqual([10, -0, Number.NaN, 40]);
    expect(Object.is((out as Float64Array)[1], -0)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("goes on as runChunk from the first result that is not a number, calling none twice", () => {
    const seen: number[] = [];
    const out = runNumberChunk(
      (x) => {
        seen.push(x as number);
        return (x as number) === 3 ? "three" : (x as number) === 5 ? { five: true } : x;
      },
      column([1, 2, 3, 4, 5, 6]),
    );
    expect(out).toEqual([1, 2, "three", 4, { five: true }, 6]);
    expect(Array.isArray(out)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("awaits from the first promise on, each call still made once, the results in order", async () => {
    const seen: number[] = [];
    const out = runNumberChunk(
      (x) => {
        seen.push(x as number);
        return (x as number) >= 3 ? Promise.resolve((x as number) + 0.5) : x;
      },
      column([1, 2, 3, 4]),
    );
    expect(out).toBeInstanceOf(Promise);
    expect(await out).toEqual([1, 2, 3.5, 4.5]);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("throws a task's synchronous error at once", () => {
    expect(() =>
      runNumberChunk(
        (x) => {
          if (x === 2) throw new RangeError("two");
          return x;
        },
        column([1, 2, 3]),
      ),
    ).toThrow("two");
  });
});
