import { describe, expect, it } from "vitest";
import { unsendablePart } from "../src/adapter-api.ts";

describe("unsendablePart", () => {
  it("names the first argument that cannot be cloned", () => {
    expect(unsendablePart([1, { nested: () => 2 }, Symbol("s")], undefined)).toBe("argument 1");
    expect(unsendablePart([1, "two", new Map([[3, 4]])], undefined)).toBeUndefined();
  });

  it("names the item of a chunk, and for argument lists the argument in it", () => {
    expect(unsendablePart([1, 2, () => 3], "items")).toBe("item 2 of its chunk");
    expect(
      unsendablePart(
        [
          [1, 2],
          [3, () => 4],
        ],
        "argLists",
      ),
    ).toBe("argument 1 of item 1 of its chunk");
    // An item that is no list: its own index is all there is to say.
    expect(unsendablePart([[1], () => 2], "argLists")).toBe("item 1 of its chunk");
  });

  it("tries each value with the engine's own encoding when given one", () => {
    const refuseStrings = (value: unknown) => {
      if (typeof value === "string") throw new TypeError("no strings");
    };
    expect(unsendablePart([1, "a"], undefined, refuseStrings)).toBe("argument 1");
  });
});
