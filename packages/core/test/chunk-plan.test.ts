// map's automatic chunks: the plan's arithmetic (chunk-plan.ts), and mapInChunks driving a
// submit the test settles by hand, on a clock the test moves, so the time an item "takes" is exact.
import { describe, expect, it } from "vitest";
import {
  CHUNK_BYTES,
  CHUNK_COST_MS,
  chunkSize,
  cut,
  firstWave,
  restSize,
  shareSize,
  TIMED_MIN_MS,
} from "../src/parent/chunk-plan.ts";
import type { CallRequest } from "../src/parent/engine/engine.ts";
import { type ListMap, mapInChunks } from "../src/parent/map-chunks.ts";

describe("the chunk plan's arithmetic", () => {
  it("shareSize is Python's: about four chunks per slot, at least one item", () => {
    expect(shareSize(6000, 2)).toBe(750);
    expect(shareSize(20, 2)).toBe(3); // ceil(20 / 8)
    expect(shareSize(3, 4)).toBe(1);
    expect(shareSize(100, 0)).toBe(25); // no slot counts as one
  });

  it("chunkSize is Python's size, or as many items as fill CHUNK_BYTES where items are large", () => {
    expect(chunkSize(20_000, 2, 8)).toBe(2500); // numbers: Python's
    expect(chunkSize(20_000, 2, 0)).toBe(2500); // unknown: Python's
    expect(chunkSize(6000, 2, 3200)).toBe(Math.floor(CHUNK_BYTES / 3200)); // pages of 3 KB: 40
    expect(chunkSize(6000, 2, 10 * CHUNK_BYTES)).toBe(1);
  });

  it("firstWave is three of Python's chunks per slot: three quarters of the items, or all of a short list", () => {
    expect(firstWave(6000, 2)).toBe(4500);
    expect(firstWave(20, 2)).toBe(18);
    expect(firstWave(6, 2)).toBe(6);
    expect(firstWave(4, 2)).toBe(4);
    expect(firstWave(0, 2)).toBe(0);
  });

  it("restSize: Python's size for items too fast to time, a few ms of work for items that take time", () => {
    expect(restSize(6000, 2, 0)).toBe(750);
    // A first chunk of 2,500 items back within TIMED_MIN_MS: its time is no measure of its items.
    expect(restSize(20_000, 2, (TIMED_MIN_MS * 0.9) / 2500)).toBe(2500);
    // Just past it, the rest is cut by time.
    expect(restSize(20_000, 2, (TIMED_MIN_MS * 1.1) / 2500)).toBeLessThan(2500);
    // 6,000 items of 0.25 ms on 2 slots: 750 ms per slot, chunks of √(2 × 750 × 0.05) ≈ 8.7 ms.
    const size = restSize(6000, 2, 0.25);
    expect(size).toBe(Math.round(Math.sqrt(2 * 750 * CHUNK_COST_MS) / 0.25));
    expect(size).toBeGreaterThan(20);
    expect(size).toBeLessThan(50);
    // Slow items: one each.
    expect(restSize(100, 2, 500)).toBe(1);
    // Slower items, smaller chunks; never more than Python's share.
    expect(restSize(6000, 2, 1)).toBeLessThan(size);
    expect(restSize(6000, 2, Number.NaN)).toBe(750);
    // Never above the first chunks' size, even for items too fast to time.
    expect(restSize(6000, 2, 0.25, 20)).toBe(20);
    expect(restSize(20_000, 2, 0, 1000)).toBe(1000);
  });

  it("cut covers [start, end) once, in order, in chunks as even as can be", () => {
    expect(cut(0, 10, 3)).toEqual([
      [0, 2],
      [2, 5],
      [5, 7],
      [7, 10],
    ]);
    expect(cut(5, 5, 3)).toEqual([]);
    expect(cut(3, 4, 10)).toEqual([[3, 4]]);
    const ranges = cut(3000, 6000, 58);
    expect(ranges[0]?.[0]).toBe(3000);
    expect(ranges.at(-1)?.[1]).toBe(6000);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.[0]).toBe(ranges[i - 1]?.[1]);
    const sizes = ranges.map(([a, b]) => b - a);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(58);
  });
});

/** An engine whose chunks the test settles by hand, and a clock the test moves. */
function manualEngine() {
  const sent: { request: CallRequest; resolve(v: unknown[]): void; reject(e: unknown): void }[] = [];
  const engine = {
    submit: (request: CallRequest) =>
      new Promise<unknown>((resolve, reject) => {
        sent.push({ request, resolve, reject });
        // A withdrawn chunk leaves the queue with the withdrawal's reason, as the engine does.
        request.withdraw?.addEventListener("abort", () => reject(request.withdraw?.reason), { once: true });
      }),
  };
  const clock = { ms: 0 };
  /** Answers chunk `i` as the identity task does. */
  const answer = (i: number) => sent[i]?.resolve(sent[i]?.request.args ?? []);
  const sizes = () => sent.map((s) => s.request.args.length);
  return { engine, sent, clock, answer, sizes };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function listMap(count: number, chunksize?: number): ListMap {
  const list = Array.from({ length: count }, (_, i) => i);
  return { task: "t", list, chunk: "items", chunksize, options: {}, meter: undefined, slots: 2 };
}

describe("mapInChunks", () => {
  it("sends three quarters in Python's chunks, and the rest, once the first is back, sized by its time", async () => {
    const { engine, clock, answer, sizes, sent } = manualEngine();
    const held = new Set<() => void>();
    const result = mapInChunks(engine, listMap(6000), held, () => clock.ms);
    expect(sizes()).toEqual([750, 750, 750, 750, 750, 750]);
    expect(held.size).toBe(1);
    clock.ms = 750 * 0.25; // the first chunk took 0.25 ms an item
    answer(0);
    await flush();
    expect(held.size).toBe(0);
    const rest = sizes().slice(6);
    const expected = restSize(6000, 2, 0.25);
    expect(rest.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(Math.max(...rest)).toBe(expected);
    expect(Math.min(...rest)).toBeGreaterThanOrEqual(expected - 1);
    for (let i = 1; i < sent.length; i++) answer(i);
    const out = await result;
    expect(out).toEqual(listMap(6000).list); // input order, every item once
  });

  it("times the first chunk from when the first wave is sent, not from before sending it", async () => {
    const { engine, clock, answer, sizes, sent } = manualEngine();
    const slow = {
      // Sending a chunk takes 100 ms of the clock here (a process worker's pipe, a loaded machine).
      submit: (request: CallRequest) => {
        clock.ms += 100;
        return engine.submit(request);
      },
    };
    const result = mapInChunks(slow, listMap(6000), new Set(), () => clock.ms);
    clock.ms += 750 * 0.25; // then the first chunk's items: 0.25 ms each
    answer(0);
    await flush();
    expect(Math.max(...sizes().slice(6))).toBe(restSize(6000, 2, 0.25));
    for (let i = 1; i < sent.length; i++) answer(i);
    expect(await result).toHaveLength(6000);
  });

  it("keeps Python's size for items too fast to time", async () => {
    const { engine, clock, answer, sizes, sent } = manualEngine();
    const result = mapInChunks(engine, listMap(20_000), new Set(), () => clock.ms);
    clock.ms = 0.3; // 2,500 items in 0.3 ms
    answer(0);
    await flush();
    expect(sizes()).toEqual(Array(8).fill(2500));
    for (let i = 1; i < sent.length; i++) answer(i);
    expect(await result).toHaveLength(20_000);
  });

  it("large items go in chunks of CHUNK_BYTES at most from the start: pages of 3 KB, 40 a chunk", async () => {
    const { engine, clock, answer, sizes, sent } = manualEngine();
    const pages = Array.from({ length: 6000 }, (_, i) => `${i}`.padEnd(3200, "."));
    const result = mapInChunks(engine, { ...listMap(0), list: pages }, new Set(), () => clock.ms);
    expect(sizes().reduce((a, b) => a + b, 0)).toBe(4500); // three quarters, until the first is back
    expect(Math.max(...sizes())).toBe(40);
    clock.ms = 40 * 0.25;
    answer(0);
    await flush();
    expect(sizes().reduce((a, b) => a + b, 0)).toBe(6000);
    expect(Math.max(...sizes())).toBe(40);
    for (let i = 1; i < sent.length; i++) answer(i);
    expect(await result).toEqual(pages);
  });

  it("an explicit chunksize sends every chunk at once, holding nothing back", () => {
    const { engine, sizes } = manualEngine();
    const held = new Set<() => void>();
    void mapInChunks(engine, listMap(10, 4), held);
    expect(sizes()).toEqual([4, 4, 2]);
    expect(held.size).toBe(0);
  });

  it("the pool's close() sends what is held back at once, in Python's size, so the whole map runs", async () => {
    const { engine, answer, sizes, sent } = manualEngine();
    const held = new Set<() => void>();
    const result = mapInChunks(engine, listMap(6000), held, () => 0);
    for (const send of held) send();
    expect(sizes()).toEqual(Array(8).fill(750));
    expect(held.size).toBe(0);
    for (let i = 0; i < sent.length; i++) answer(i);
    expect(await result).toHaveLength(6000);
  });

  it("a failing chunk rejects the map, withdraws the chunks not yet run and never sends the rest", async () => {
    const { engine, sent } = manualEngine();
    const held = new Set<() => void>();
    const result = mapInChunks(engine, listMap(6000), held, () => 0);
    const error = new RangeError("a task failed");
    sent[1]?.reject(error);
    await expect(result).rejects.toBe(error);
    expect(held.size).toBe(0);
    expect(sent).toHaveLength(6);
    expect(sent.every((s) => s.request.withdraw?.aborted)).toBe(true);
  });

  it("an empty list resolves at once with no chunk", async () => {
    const { engine, sent } = manualEngine();
    expect(await mapInChunks(engine, listMap(0), new Set())).toEqual([]);
    expect(sent).toHaveLength(0);
  });
});
