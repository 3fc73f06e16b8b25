// Map chunks of numbers, or of plain objects of one shape, travel as columns, both ways: the
// worker and the caller must see the very values structured clone would have given them, and
// anything else must go as it is.
import { describe, expect, it } from "vitest";
import type { SpawnOptions } from "../src/adapter-api.ts";
import { inProcessAdapter } from "../src/in-process-api.ts";
import { type Packed, packList, unpackList } from "../src/wire/records.ts";
import { newPool } from "./bound.ts";

const many = <T>(make: (i: number) => T, count = 40): T[] => Array.from({ length: count }, (_, i) => make(i));
const module = new URL("./fixtures/noop-tasks.mjs", import.meta.url).href;
const roundTrip = (items: unknown[], numbers = true) =>
  unpackList(structuredClone(packList(items, numbers)) as Packed);

describe("packList", () => {
  it("packs numbers as one Float64Array, and gives back every value exactly", () => {
    const items = [...many((i) => i * 1.5 - 7), -0, Number.NaN, Number.MAX_VALUE, 2 ** 53 + 2, -Infinity];
    const packed = packList(items, true);
    expect(packed?.[0]).toBeNull();
    expect(packed?.[1]).toBeInstanceOf(Float64Array);
    const back = roundTrip(items);
    expect(back).toEqual(items);
    expect(Object.is(back[items.length - 5], -0)).toBe(true);
  });

  it("packs plain objects of one shape as the keys and a column per key, and unpacks them equal", () => {
    const items = many((i) => ({ a: i, b: "x", c: i % 2 === 0, d: null, e: undefined, f: BigInt(i), g: -0 }));
    const packed = packList(items, true);
    expect(packed?.[0]).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(packed?.[1]).toBeInstanceOf(Float64Array); // a column of numbers
    expect(packed?.[2]).toEqual(items.map((o) => o.b));
    const back = roundTrip(items) as Record<string, unknown>[];
    expect(back).toEqual(structuredClone(items));
    expect(back.map((o) => Object.keys(o))).toEqual(items.map((o) => Object.keys(o)));
    expect(Object.is(back[0]?.g, -0)).toBe(true);
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
  });

  it("turns a column that starts with numbers into a plain one when a value is not a number", () => {
    const items = many((i) => ({ a: i === 30 ? "thirty" : i, b: i }));
    const packed = packList(items, true);
    expect(Array.isArray(packed?.[1])).toBe(true);
    expect(packed?.[2]).toBeInstanceOf(Float64Array);
    expect(roundTrip(items)).toEqual(items);
  });

  it("without `numbers`, leaves a plain list of numbers as it is, and still packs objects", () => {
    const numbers = many((i) => i);
    expect(packList(numbers, false)).toBeUndefined();
    const items = many((i) => ({ a: i, b: "x" }));
    const packed = packList(items, false);
    expect(packed?.[1]).toBeInstanceOf(Float64Array);
    expect(packed?.[2]).toEqual(items.map((o) => o.b));
    expect(roundTrip(items, false)).toEqual(items);
  });

  it("keeps key order, integer-like keys included", () => {
    const items = many((i) => ({ z: i, 1: "one", a: i, 0: "zero" }));
    const back = roundTrip(items) as object[];
    expect(back.map((o) => Object.keys(o))).toEqual(items.map((o) => Object.keys(o)));
  });

  it("leaves short lists as they are", () => {
    expect(
      packList(
        many((i) => ({ a: i }), 7),
        true,
      ),
    ).toBeUndefined();
    expect(
      packList(
        many((i) => i, 7),
        true,
      ),
    ).toBeUndefined();
    expect(
      packList(
        many((i) => ({ a: i }), 8),
        true,
      ),
    ).toBeDefined();
  });

  it("leaves anything structured clone treats specially as it is", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const withLast = (last: unknown) => [...many((i) => ({ a: i, b: 1 }) as unknown), last];
    const cases: unknown[][] = [
      [...many((i) => i), "x"], // numbers, then not
      [...many((i) => i), new Number(1)], // a Number object
      Array.from({ length: 40 }, (_, i) => (i === 5 ? undefined : i)), // a hole's worth of undefined
      many((i) => [i, 1]), // arrays
      many((i) => new Point(i, 1)), // class instances
      many((i) => Object.assign(Object.create(null), { a: i })), // no prototype
      many((i) => ({ a: { n: i } })), // nested object
      many((i) => ({ a: new Date(i) })), // a Date value
      many(() => ({})), // no keys
      withLast({ b: 1, a: 2 }), // same keys, another order
      withLast({ a: 1 }), // fewer keys
      withLast({ a: 1, b: 2, c: 3 }), // more keys
      withLast({ a: 1, c: 2 }), // another key
      withLast(null),
      withLast(undefined),
      many((i) => JSON.parse(`{"__proto__": ${i}, "a": 1}`)), // an own "__proto__" key
    ];
    for (const items of cases) expect(packList(items, true)).toBeUndefined();
  });

  it("leaves items with a getter or a proxy that throws as they are (structured clone reports it)", () => {
    const bad = {
      a: 1,
      get b(): number {
        throw new Error("no");
      },
    };
    expect(packList([...many((i) => ({ a: i, b: 1 })), bad], true)).toBeUndefined();
    const trap = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error("no");
        },
      },
    );
    expect(
      packList(
        many(() => trap),
        true,
      ),
    ).toBeUndefined();
  });

  it("leaves a list as it is when an item appears twice (cloning keeps it one object, columns would not)", () => {
    const shared = { a: 1, b: "x" };
    const items = Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? shared : { a: i, b: "y" }));
    expect(packList(items, true)).toBeUndefined();
    const distinct = Array.from({ length: 20 }, (_, i) => ({ a: i, b: "y" }));
    expect(packList(distinct, true)).toBeDefined();
  });

  it("leaves items as they are when Object.prototype has an enumerable key", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(
        packList(
          many((i) => ({ a: i })),
          true,
        ),
      ).toBeUndefined();
    } finally {
      delete proto.polluted;
    }
  });
});

describe.each([false, true])("map through a real task server, packNumbers %s", (packNumbers) => {
  it("gives the task the items and the caller the results, equal and in order", async () => {
    const adapter = {
      ...inProcessAdapter,
      spawn: (options: SpawnOptions) => Object.assign(inProcessAdapter.spawn(options), { packNumbers }),
    };
    const pool = newPool({ module, workers: 2 }, adapter);
    try {
      const items = many((i) => ({ n: i, s: `item ${i}`, flag: i % 3 === 0 }), 200);
      // `size` is JSON.stringify(item).length: the same keys, order and values give the same text.
      expect(await pool.map("size", items)).toEqual(items.map((o) => JSON.stringify(o).length));
      expect(await pool.map("echo", items)).toEqual(items); // objects packed on the way back too
      const numbers = many((i) => i / 3, 200);
      expect(await pool.map("echo", numbers)).toEqual(numbers);
      const mixed = many((i) => (i % 2 ? i : { n: i }), 200);
      expect(await pool.map("echo", mixed)).toEqual(mixed);
      // More chunks than one concat() takes at once: the results still come back whole, in order.
      const lots = many((i) => i, 9000);
      expect(await pool.map("echo", lots, { chunksize: 1 })).toEqual(lots);
    } finally {
      await pool.terminate();
    }
  });
});
