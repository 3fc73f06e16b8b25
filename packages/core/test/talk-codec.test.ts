// A Queue's items are copied as structured clone copies them: compared here with structuredClone itself.
import { describe, expect, it } from "vitest";
import { decode } from "../src/talk/codec-decode.ts";
import { encode } from "../src/talk/codec-encode.ts";
import { Lock } from "../src/talk/lock.ts";

/** [1, <hole>, 3] */
function sparse(): unknown[] {
  const list: unknown[] = [1];
  list[2] = 3;
  return list;
}

const roundTrip = (v: unknown) => decode(encode(v).slice());

describe("the item codec", () => {
  it("copies what structured clone copies, as structured clone copies it", () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const values: unknown[] = [
      0,
      -0,
      1.5,
      -7,
      2 ** 40,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      123n,
      -(2n ** 70n),
      "",
      "ascii",
      "é😀",
      "\uD800x",
      "x".repeat(500),
      true,
      false,
      null,
      undefined,
      sparse(),
      { a: 1, b: [2, { c: "d" }] },
      new Date(5),
      /a+b/gi,
      new Map<unknown, unknown>([
        [1, "one"],
        [{ k: 1 }, [2]],
      ]),
      new Set([1, "two", null]),
      new Uint8Array([1, 2, 3]),
      new Float64Array([0.5, -1]),
      new BigInt64Array([5n]),
      new DataView(new ArrayBuffer(4)),
      new ArrayBuffer(3),
      new Point(1, 2),
      new RangeError("bad", { cause: 7 }),
      Object(5),
      Object("s"),
      { __proto__: null, n: 1 },
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(structuredClone(value));
    const e = roundTrip(new TypeError("t")) as Error;
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("t");
  });

  it("keeps shared references and cycles", () => {
    const shared = { s: 1 };
    const cyclic: Record<string, unknown> = { list: [shared, shared] };
    cyclic.self = cyclic;
    const copy = roundTrip(cyclic) as { list: object[]; self: unknown };
    expect(copy.self).toBe(copy);
    expect(copy.list[0]).toBe(copy.list[1]);
    const buffer = new ArrayBuffer(8);
    const views = roundTrip([new Uint8Array(buffer, 2, 3), new Uint16Array(buffer)]) as [
      Uint8Array,
      Uint16Array,
    ];
    expect(views[0].buffer).toBe(views[1].buffer);
    expect(views[0].byteOffset).toBe(2);
  });

  it("refuses what structured clone refuses, and talking objects, with a reason", () => {
    for (const bad of [() => 1, Symbol("s"), Promise.resolve(), new WeakMap(), { nested: [() => 2] }])
      expect(() => encode(bad), String(bad)).toThrow(/could not be cloned/);
    expect(() => encode({ lock: new Lock() })).toThrow(/a Lock cannot travel inside an item/);
    expect(() => encode(new SharedArrayBuffer(4))).toThrow(/SharedArrayBuffer cannot travel/);
  });
});
