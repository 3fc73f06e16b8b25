// The worker-side task server's promises to its pool: the initializer runs first (or start-up
// fails, saying why), at most `concurrency` calls run at once and the rest start in order,
// promises and thenables are awaited, and "stop" ends the worker only once every call is answered.
import { describe, expect, it } from "vitest";
import { type FromWorker, type InitMessage, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { serveTasks } from "../src/worker-api.ts";

/** A task server on a channel the test holds both ends of; `load` stands for importing the module. */
function serve(load: () => Promise<Record<string, unknown>>) {
  const out: FromWorker[] = [];
  let deliver: (m: ToWorker) => void = () => {};
  let closed = false;
  const server = serveTasks(
    {
      send: (m) => out.push(structuredClone(m)),
      onMessage: (listener) => {
        deliver = listener;
      },
      close: () => {
        closed = true;
      },
    },
    { importModule: load },
  );
  const send = (m: ToWorker) => deliver(m);
  const init = (extra: Partial<InitMessage> = {}) =>
    send({ t: "init", v: PROTOCOL_VERSION, module: "x", ...extra });
  // Answers one by one, whether they came alone or several in one "replies" message.
  const replies = () =>
    out.flatMap((m): FromWorker[] =>
      m.t === "replies"
        ? m.ids.map((id, i) => ({ t: "ok", id, value: m.values[i] }))
        : m.t === "ok" || m.t === "err"
          ? [m]
          : [],
    );
  return { out, server, send, init, replies, isClosed: () => closed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A task that waits until the test releases it; `releases` has one entry per call begun. */
function gate() {
  const releases: (() => void)[] = [];
  const task = () =>
    new Promise<string>((resolve) => {
      releases.push(() => resolve("released"));
    });
  return { task, releases };
}

describe("serveTasks start-up", () => {
  it("runs the initializer with initArgs before saying ready", async () => {
    const seen: unknown[] = [];
    const s = serve(async () => ({ init: async (...args: unknown[]) => seen.push(...args) }));
    s.init({ initializer: "init", initArgs: [1, "two"] });
    await settle();
    expect(seen).toEqual([1, "two"]);
    expect(s.out).toEqual([{ t: "ready", v: PROTOCOL_VERSION }]);
  });

  it("a missing initializer fails start-up, naming the function exports (sorted, functions only)", async () => {
    const s = serve(async () => ({ zeta: () => 1, alpha: () => 2, value: 3 }));
    s.init({ initializer: "init" });
    await settle();
    expect(s.out).toEqual([
      {
        t: "init-failed",
        stage: "initializer",
        error: { name: "Error", message: 'no function export "init"' },
        available: ["alpha", "zeta"],
      },
    ]);
  });

  it("an initializer or an import that throws fails start-up with its error", async () => {
    const throwing = serve(async () => ({
      init: () => {
        throw new TypeError("bad config");
      },
    }));
    throwing.init({ initializer: "init" });
    const missing = serve(() => Promise.reject(new Error("Cannot find module")));
    missing.init();
    await settle();
    expect(throwing.out[0]).toMatchObject({
      t: "init-failed",
      stage: "initializer",
      error: { name: "TypeError", message: "bad config" },
    });
    expect(missing.out[0]).toMatchObject({
      t: "init-failed",
      stage: "module",
      error: { message: "Cannot find module" },
    });
  });
});

describe("serveTasks calls", () => {
  it("runs at most `concurrency` calls at once; the others start in order as slots free up", async () => {
    const { task, releases } = gate();
    const s = serve(async () => ({ wait: task }));
    s.init({ concurrency: 2 });
    await settle();
    s.send({ t: "calls", calls: [1, 2, 3, 4].map((id) => ({ id, fn: "wait", args: [] })) });
    await settle();
    expect(releases).toHaveLength(2);
    releases[1]?.();
    await settle();
    expect(releases).toHaveLength(3);
    expect(s.replies()).toEqual([{ t: "ok", id: 2, value: "released" }]);
    for (const release of releases) release();
    await settle();
    for (const release of releases) release();
    await settle();
    expect(s.replies().map((r) => (r as { id: number }).id)).toEqual([2, 1, 3, 4]);
  });

  it("awaits promises and thenables, in chunks too, and answers a rejection with err", async () => {
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a promise, on purpose.
    const thenable = (v: unknown) => ({ then: (resolve: (x: unknown) => void) => resolve(v) });
    const s = serve(async () => ({
      later: async (x: number) => x + 1,
      thenable,
      reject: async () => {
        throw new RangeError("no");
      },
      nothing: () => null,
    }));
    s.init();
    await settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "later", args: [1] },
        { id: 2, fn: "thenable", args: ["t"] },
        { id: 3, fn: "later", args: [1, 2], chunk: "items" },
        { id: 4, fn: "reject", args: [] },
        { id: 5, fn: "nothing", args: [[], []], chunk: "argLists" },
      ],
    });
    await settle();
    const byId = (id: number) => s.replies().find((m) => (m as { id: number }).id === id);
    expect(byId(1)).toEqual({ t: "ok", id: 1, value: 2 });
    expect(byId(2)).toEqual({ t: "ok", id: 2, value: "t" });
    expect(byId(3)).toEqual({ t: "ok", id: 3, value: [2, 3] });
    expect(byId(4)).toMatchObject({ t: "err", id: 4, error: { name: "RangeError", message: "no" } });
    expect(byId(4)).not.toHaveProperty("reason");
    expect(byId(5)).toEqual({ t: "ok", id: 5, value: [null, null] });
  });

  it('"stop" ends the worker only once every call, running or waiting, is answered', async () => {
    const { task, releases } = gate();
    const s = serve(async () => ({ wait: task }));
    s.init({ concurrency: 1 });
    await settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "wait", args: [] },
        { id: 2, fn: "wait", args: [] },
      ],
    });
    s.send({ t: "stop" });
    await settle();
    expect(s.isClosed()).toBe(false);
    releases[0]?.();
    await settle();
    expect(s.isClosed()).toBe(false); // the second call still waited, then ran
    releases[1]?.();
    await settle();
    expect(s.isClosed()).toBe(true);
    expect(s.replies()).toHaveLength(2);
  });

  it("after halt() it takes no more messages: no call starts, no stop closes", async () => {
    const s = serve(async () => ({ one: () => 1 }));
    s.init();
    await settle();
    s.server.halt();
    s.send({ t: "calls", calls: [{ id: 1, fn: "one", args: [] }] });
    s.send({ t: "stop" });
    await settle();
    expect(s.out.slice(1)).toEqual([{ t: "exiting", running: [] }]);
    expect(s.isClosed()).toBe(false);
  });
});

describe("serveTasks with packed numbers (packNumbers)", () => {
  it("answers a packed chunk of numbers as one Float64Array, and a call's own Float64Array as it is", async () => {
    const s = serve(async () => ({
      double: (x: number) => x * 2,
      typed: () => Float64Array.of(1.5, 2.5),
      half: (x: number) => (x > 2 ? `big ${x}` : x / 2),
    }));
    s.init({ packNumbers: true });
    await settle();
    const column = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    s.send({ t: "call", id: 1, fn: "double", args: [null, column] as unknown[], chunk: "packed" });
    s.send({ t: "call", id: 2, fn: "typed", args: [] });
    s.send({ t: "call", id: 3, fn: "half", args: [null, column] as unknown[], chunk: "packed" });
    await settle();
    const answers = new Map(s.replies().map((m) => [m.t === "ok" || m.t === "err" ? m.id : 0, m]));
    expect(answers.get(1)).toEqual({
      t: "ok",
      id: 1,
      value: [null, Float64Array.of(2, 4, 6, 8, 10, 12, 14, 16)],
      packed: true,
    });
    // A task's own Float64Array is a value, not a packed list.
    expect(answers.get(2)).toEqual({ t: "ok", id: 2, value: Float64Array.of(1.5, 2.5) });
    // Not every result a number: the results go as a list, each call made once.
    expect(answers.get(3)).toEqual({
      t: "ok",
      id: 3,
      value: [0.5, 1, "big 3", "big 4", "big 5", "big 6", "big 7", "big 8"],
    });
  });
});
