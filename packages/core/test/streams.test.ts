// imap's result streams over a submit function the test controls: order, failures, read-ahead,
// and the source closed whenever the consumer stops.
import { describe, expect, it } from "vitest";
import { orderedResults, type SubmitChunk, unorderedResults } from "../src/parent/streams.ts";

/** A submit whose chunks the test settles by hand, in any order. */
function manualSubmit() {
  const chunks: { items: unknown[]; resolve(v: unknown[]): void; reject(e: unknown): void }[] = [];
  const submit: SubmitChunk = (items) =>
    new Promise((resolve, reject) => {
      chunks.push({ items, resolve, reject });
    });
  return { chunks, submit };
}

/** A submit that squares each item of a chunk at once, or fails the chunk holding `bad`. */
const squares =
  (bad?: unknown): SubmitChunk =>
  async (items) => {
    if (items.includes(bad)) throw new RangeError(`bad item ${String(bad)}`);
    return items.map((x) => (x as number) ** 2);
  };

/** A source that says how far it was read and whether it was closed. */
function counted(limit = Number.POSITIVE_INFINITY) {
  const state = { pulled: 0, closed: false };
  function* source() {
    try {
      for (let i = 1; i <= limit; i++) {
        state.pulled = i;
        yield i;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, source: source() };
}

function* failsAfter(n: number) {
  for (let i = 1; i <= n; i++) yield i;
  throw new TypeError(`source broke after ${n}`);
}

async function collect<T>(stream: AsyncGenerator<T>): Promise<{ seen: T[]; error?: unknown }> {
  const seen: T[] = [];
  try {
    for await (const y of stream) seen.push(y);
    return { seen };
  } catch (error) {
    return { seen, error };
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("orderedResults (imap)", () => {
  it("yields in input order though chunks finish in reverse, in chunks of chunksize", async () => {
    const { chunks, submit } = manualSubmit();
    const out = collect(orderedResults([1, 2, 3, 4, 5], { submit, chunksize: 2, readAhead: 10 }));
    await tick();
    expect(chunks.map((c) => c.items)).toEqual([[1, 2], [3, 4], [5]]);
    for (const c of [...chunks].reverse()) c.resolve(c.items.map((x) => `r${x}`));
    expect(await out).toEqual({ seen: ["r1", "r2", "r3", "r4", "r5"] }); // and no error at the end
  });

  it("a source that throws right after a full chunk sends no empty chunk", async () => {
    const sent: unknown[][] = [];
    const submit: SubmitChunk = async (items) => {
      sent.push(items);
      return items;
    };
    expect(
      (await collect(orderedResults(failsAfter(4), { submit, chunksize: 2, readAhead: 4 }))).error,
    ).toBeDefined();
    expect(
      (await collect(unorderedResults(failsAfter(4), { submit, chunksize: 2, readAhead: 4 }))).error,
    ).toBeDefined();
    expect(sent).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
      [3, 4],
    ]);
  });

  it("a chunk that fails after the consumer stopped is no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    const proc = (globalThis as { process?: NodeJS.Process }).process;
    proc?.on("unhandledRejection", onUnhandled);
    try {
      const { chunks, submit } = manualSubmit();
      const stream = orderedResults([1, 2, 3], { submit, chunksize: 1, readAhead: 3 });
      const first = stream.next();
      await tick();
      chunks[1]?.reject(new Error("nobody awaits this one"));
      chunks[0]?.resolve(["one"]);
      expect(await first).toEqual({ done: false, value: "one" });
      await stream.return(undefined);
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
    } finally {
      proc?.off("unhandledRejection", onUnhandled);
    }
  });

  it("throws a failed chunk's error at its place, after the results before it", async () => {
    const { seen, error } = await collect(
      orderedResults([1, 2, 3, 4], { submit: squares(3), chunksize: 1, readAhead: 4 }),
    );
    expect(seen).toEqual([1, 4]);
    expect(error).toMatchObject({ name: "RangeError", message: "bad item 3" });
  });

  it("a source that throws: every result read before it, then its error", async () => {
    const { seen, error } = await collect(
      orderedResults(failsAfter(5), { submit: squares(), chunksize: 2, readAhead: 2 }),
    );
    expect(seen).toEqual([1, 4, 9, 16, 25]);
    expect(error).toMatchObject({ name: "TypeError", message: "source broke after 5" });
  });

  it("reads the source at most readAhead chunks ahead of the consumer", async () => {
    const { state, source } = counted();
    const { chunks, submit } = manualSubmit();
    const stream = orderedResults(source, { submit, chunksize: 2, readAhead: 3 });
    const first = stream.next();
    await tick();
    expect(state.pulled).toBe(6); // 3 chunks of 2
    chunks[0]?.resolve([1, 2]);
    expect(await first).toEqual({ done: false, value: 1 });
    await stream.return(undefined);
    expect(state.closed).toBe(true);
  });

  it("closes the source when the consumer stops early", async () => {
    const { state, source } = counted();
    for await (const y of orderedResults(source, { submit: squares(), chunksize: 1, readAhead: 2 }))
      if (y === 9) break;
    expect(state.closed).toBe(true);
  });

  it("an empty source yields nothing", async () => {
    expect(
      (await collect(orderedResults([], { submit: squares(), chunksize: 3, readAhead: 2 }))).seen,
    ).toEqual([]);
  });
});

describe("unorderedResults (imapUnordered)", () => {
  it("yields in completion order", async () => {
    const { chunks, submit } = manualSubmit();
    const out = collect(unorderedResults([1, 2, 3], { submit, chunksize: 1, readAhead: 10 }));
    await tick();
    expect(chunks).toHaveLength(3);
    chunks[2]?.resolve(["c"]);
    await tick();
    chunks[0]?.resolve(["a"]);
    await tick();
    chunks[1]?.resolve(["b"]);
    expect(await out).toEqual({ seen: ["c", "a", "b"] }); // and no error at the end
  });

  it("throws a failed chunk's error instead of skipping it", async () => {
    const { error } = await collect(
      unorderedResults([1, 2, 3, 4], { submit: squares(3), chunksize: 1, readAhead: 4 }),
    );
    expect(error).toMatchObject({ name: "RangeError", message: "bad item 3" });
  });

  it("a source that throws: every result read before it, then its error", async () => {
    const { seen, error } = await collect(
      unorderedResults(failsAfter(3), { submit: squares(), chunksize: 2, readAhead: 4 }),
    );
    expect(seen.sort()).toEqual([1, 4, 9]);
    expect(error).toMatchObject({ message: "source broke after 3" });
  });

  it("reads the source at most readAhead chunks ahead, and goes on as results are taken", async () => {
    const { state, source } = counted(10);
    const { chunks, submit } = manualSubmit();
    const stream = unorderedResults(source, { submit, chunksize: 1, readAhead: 3 });
    const first = stream.next();
    await tick();
    expect(state.pulled).toBe(3);
    chunks[1]?.resolve(["two"]);
    expect(await first).toEqual({ done: false, value: "two" });
    const second = stream.next();
    await tick();
    expect(state.pulled).toBe(4);
    chunks[0]?.resolve(["one"]);
    expect(await second).toEqual({ done: false, value: "one" });
    await stream.return(undefined);
    expect(state.closed).toBe(true);
  });

  it("closes the source when the consumer stops early", async () => {
    const { state, source } = counted();
    const { chunks, submit } = manualSubmit();
    const stream = unorderedResults(source, { submit, chunksize: 1, readAhead: 2 });
    const first = stream.next();
    await tick();
    chunks[0]?.resolve(["one"]);
    expect(await first).toEqual({ done: false, value: "one" });
    await stream.return(undefined);
    expect(state.closed).toBe(true);
  });

  // Results not yet taken count against the read-ahead, as in orderedResults: when chunks finish
  // faster than the source is read, an endless source must still yield (and not fill memory).
  it("stays within readAhead when chunks finish faster than the source is read", async () => {
    const { state, source } = counted(1000);
    for await (const _ of unorderedResults(source, { submit: squares(), chunksize: 1, readAhead: 2 })) break;
    expect(state.pulled).toBeLessThanOrEqual(3);
  });
});
