// Random lists of same-shape plain objects, some items repeated: a list packs exactly when no item
// appears twice, and what comes back is what structured clone gives, key order and -0 included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Packed, packList, unpackList } from "../src/wire/records.ts";

/** Values a column may hold: numbers of every kind (rising, falling or not), and other primitives. */
const value = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constantFrom(null, undefined),
);

/** A list of 8 to 60 objects of one shape (1 to 7 keys), with some items repeated when asked. */
const list = fc
  .record({
    keys: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "0", "7", "z"), {
      minLength: 1,
      maxLength: 7,
    }),
    count: fc.integer({ min: 8, max: 60 }),
    // Per column: "up", "down" (numbers that only rise or fall), or random values.
    order: fc.array(fc.constantFrom("up", "down", "random"), { minLength: 7, maxLength: 7 }),
    seeds: fc.array(value, { minLength: 60 * 7, maxLength: 60 * 7 }),
    repeats: fc.array(fc.tuple(fc.nat(59), fc.nat(59)), { maxLength: 3 }),
  })
  .map(({ keys, count, order, seeds, repeats }) => {
    const items = Array.from({ length: count }, (_, i) => {
      const item: Record<string, unknown> = {};
      keys.forEach((key, k) => {
        item[key] = order[k] === "up" ? i * 1.5 : order[k] === "down" ? -i : seeds[i * 7 + k];
      });
      return item;
    });
    for (const [from, to] of repeats)
      if (from < count && to < count) items[to] = items[from] as Record<string, unknown>;
    return items;
  });

describe("packList and unpackList, on random lists", () => {
  it("pack exactly the lists with no item twice, and give back what structured clone gives", () => {
    fc.assert(
      fc.property(list, (items) => {
        const packed = packList(items, true);
        const repeated = new Set(items).size < items.length;
        expect(packed === undefined).toBe(repeated);
        if (!packed) return;
        const back = unpackList(structuredClone(packed) as Packed) as Record<string, unknown>[];
        const cloned = structuredClone(items);
        expect(back).toEqual(cloned);
        expect(back.map((o) => Object.keys(o))).toEqual(cloned.map((o) => Object.keys(o)));
        // toEqual treats -0 and 0 alike: compare the signs of zeros too.
        const zeros = (list: Record<string, unknown>[]) =>
          list.flatMap((o) => Object.values(o).map((v) => (v === 0 ? Object.is(v, -0) : null)));
        expect(zeros(back)).toEqual(zeros(cloned));
      }),
      { numRuns: 300 },
    );
  });
});
