// map's default chunksize (chunk-plan.ts): Python's rule, capped by a byte estimate of the items.
// Plain arithmetic: the same inputs give the same size.
import { describe, expect, it } from "vitest";
import { autoChunksize, CHUNK_BYTES, shareSize } from "../src/parent/chunk-plan.ts";

describe("map's default chunksize", () => {
  it("shareSize is Python's: about four chunks per slot, at least one item", () => {
    expect(shareSize(6000, 2)).toBe(750);
    expect(shareSize(20, 2)).toBe(3); // ceil(20 / 8)
    expect(shareSize(3, 4)).toBe(1);
    expect(shareSize(0, 2)).toBe(1);
    expect(shareSize(100, 0)).toBe(25); // no slot counts as one
  });

  it("keeps Python's size for small items, and where nothing is known of their size", () => {
    expect(autoChunksize(20_000, 2, 8)).toBe(2500); // numbers
    expect(autoChunksize(20_000, 2, 18)).toBe(2500); // { a, b }: 45 KB a chunk, under the cap
    expect(autoChunksize(20_000, 2, 0)).toBe(2500); // unknown
    expect(autoChunksize(20, 2, 8)).toBe(3);
  });

  it("cuts large items into chunks of about CHUNK_BYTES, never of none", () => {
    // 6,000 pages of 3 KB on 2 workers: 43 a chunk (129 KB), not Python's 750 (2.3 MB).
    expect(autoChunksize(6000, 2, 3000)).toBe(Math.floor(CHUNK_BYTES / 3000));
    expect(autoChunksize(6000, 2, 3000)).toBe(43);
    // The cap never raises Python's size: a short list of pages keeps four chunks per slot.
    expect(autoChunksize(80, 2, 3000)).toBe(10);
    // Items larger than the cap: one a chunk.
    expect(autoChunksize(100, 2, 10 * CHUNK_BYTES)).toBe(1);
    // More slots, the same cap.
    expect(autoChunksize(6000, 8, 3000)).toBe(43);
    expect(autoChunksize(6000, 64, 3000)).toBe(24); // Python's, ceil(6000 / 256)
  });
});
