// The task server's answers to quick calls that came in one message go back in one "replies"
// message, without changing what the parent learns: every answer, in order; a result that cannot
// be cloned fails alone; answers given before the worker halts reach the parent before "exiting".
// And calls that come before start-up has finished (a Process sends its call with "init") wait
// for the module, or are dropped when it fails to load.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type FromWorker, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { serveTasks, type TaskServer } from "../src/worker-api.ts";

function serve(load: () => Promise<Record<string, unknown>>) {
  const out: FromWorker[] = [];
  let deliver: (m: ToWorker) => void = () => {};
  let closed = 0;
  const server: TaskServer = serveTasks(
    {
      send: (m) => out.push(structuredClone(m)),
      onMessage: (listener) => {
        deliver = listener;
      },
      close: () => {
        closed++;
      },
    },
    { importModule: load },
  );
  const send = (m: ToWorker) => deliver(m);
  const init = () => send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
  const calls = (fn: string, ids: number[]) =>
    send({ t: "calls", calls: ids.map((id) => ({ id, fn, args: [id], quick: true as const })) });
  return { out, server, send, init, calls, closed: () => closed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

// Answers are held for a batch until Date.now() has moved on 2 ms: the clock stands still here
// (timers stay real), so what is batched does not depend on how fast the test runs.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("serveTasks answers in batches", () => {
  it("answers the synchronous calls of one message in one message, in order; a call alone alone", async () => {
    const s = serve(async () => ({ double: (x: number) => x * 2 }));
    s.init();
    await settle();
    s.calls("double", [1, 2, 3]);
    s.calls("double", [4]);
    s.send({ t: "call", id: 5, fn: "double", args: [5] }); // a call alone, as the pool sends one
    expect(s.out.slice(1)).toEqual([
      { t: "replies", ids: [1, 2, 3], values: [2, 4, 6] },
      { t: "ok", id: 4, value: 8 },
      { t: "ok", id: 5, value: 10 },
    ]);
  });

  it("answers held 2 ms (by Date.now) go out, and the rest of the message's answers follow together", async () => {
    const s = serve(async () => ({
      double: (x: number) => x * 2,
      slow: (x: number) => {
        vi.setSystemTime(Date.now() + 2); // this call took 2 ms
        return x;
      },
    }));
    s.init();
    await settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "double", args: [1], quick: true },
        { id: 2, fn: "slow", args: [2], quick: true },
        { id: 3, fn: "double", args: [3], quick: true },
        { id: 4, fn: "double", args: [4], quick: true },
      ],
    });
    expect(s.out.slice(1)).toEqual([
      { t: "replies", ids: [1, 2], values: [2, 2] },
      { t: "replies", ids: [3, 4], values: [6, 8] },
    ]);
  });

  it("a result that cannot be cloned fails alone; the others of its message arrive", async () => {
    const s = serve(async () => ({ give: (x: number) => (x === 2 ? () => x : x) }));
    s.init();
    await settle();
    s.calls("give", [1, 2, 3]);
    expect(s.out.slice(1)).toMatchObject([
      { t: "ok", id: 1, value: 1 },
      { t: "err", id: 2, reason: "unsendable-result" },
      { t: "ok", id: 3, value: 3 },
    ]);
  });

  it("a call that throws is answered alone, after the results before it and before those after it", async () => {
    const s = serve(async () => ({
      check: (x: number) => {
        if (x === 3) throw new RangeError("three");
        return x;
      },
    }));
    s.init();
    await settle();
    s.calls("check", [1, 2, 3, 4, 5]);
    expect(s.out.slice(1)).toMatchObject([
      { t: "replies", ids: [1, 2], values: [1, 2] },
      { t: "err", id: 3, error: { name: "RangeError", message: "three" } },
      { t: "replies", ids: [4, 5], values: [4, 5] },
    ]);
  });

  it("a worker halting mid-message first sends the answers it gave, then names the running call", async () => {
    let server: TaskServer | undefined;
    const s = serve(async () => ({
      one: (x: number) => x,
      exit: () => server?.halt(), // what an exit wrapper does when a task calls process.exit()
    }));
    server = s.server;
    s.init();
    await settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [1], quick: true },
        { id: 2, fn: "one", args: [2], quick: true },
        { id: 3, fn: "exit", args: [], quick: true },
        { id: 4, fn: "one", args: [4], quick: true },
      ],
    });
    expect(s.out.slice(1)).toEqual([
      { t: "replies", ids: [1, 2], values: [1, 2] },
      { t: "exiting", running: [3] },
    ]);
  });

  it('answers held for a batch leave before "stop" closes the worker', async () => {
    const s = serve(async () => ({ one: (x: number) => x }));
    s.init();
    await settle();
    s.send({ t: "stop" });
    expect(s.closed()).toBe(1); // nothing ran: closed at once
    const t = serve(async () => ({ one: (x: number) => x }));
    t.init();
    await settle();
    t.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [1], quick: true },
        { id: 2, fn: "one", args: [2], quick: true },
      ],
    });
    t.send({ t: "stop" });
    expect(t.out.at(-1)).toMatchObject({ t: "replies" });
    expect(t.closed()).toBe(1);
  });
});

describe("serveTasks holds results only while quick calls run", () => {
  it("sends what it holds before a call not marked quick starts, and that call's result at once", async () => {
    let s!: ReturnType<typeof serve>;
    let seenByLong: FromWorker[] = [];
    s = serve(async () => ({
      one: (x: number) => x,
      long: (x: number) => {
        seenByLong = s.out.slice(1); // what the parent had been sent when this call started
        return x;
      },
    }));
    s.init();
    await settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [1], quick: true },
        { id: 2, fn: "one", args: [2], quick: true },
        { id: 3, fn: "long", args: [3] }, // unknown time, or has a timeout: not quick
        { id: 4, fn: "one", args: [4], quick: true },
        { id: 5, fn: "one", args: [5], quick: true },
      ],
    });
    expect(seenByLong).toEqual([{ t: "replies", ids: [1, 2], values: [1, 2] }]);
    expect(s.out.slice(1)).toEqual([
      { t: "replies", ids: [1, 2], values: [1, 2] },
      { t: "ok", id: 3, value: 3 },
      { t: "replies", ids: [4, 5], values: [4, 5] },
    ]);
  });
});

describe("serveTasks ends after stop whatever its calls did", () => {
  it("a call to an unknown export, sent with init and stop (as a Process does), ends the worker", async () => {
    const s = serve(async () => ({ one: (x: number) => x }));
    s.init();
    s.send({ t: "call", id: 1, fn: "nope", args: [] });
    s.send({ t: "stop" });
    await settle();
    expect(s.out).toMatchObject([{ t: "ready" }, { t: "err", id: 1, reason: "unknown-task" }]);
    expect(s.closed()).toBe(1);
  });

  it("a call that comes after start-up failed is dropped, and stop ends the worker", async () => {
    const s = serve(() => Promise.reject(new Error("Cannot find module")));
    s.init();
    await settle(); // start-up failed before the call and stop were read
    s.send({ t: "call", id: 1, fn: "one", args: [1] });
    s.send({ t: "stop" });
    expect(s.out).toMatchObject([{ t: "init-failed", stage: "module" }]);
    expect(s.closed()).toBe(1);
  });
});

describe("serveTasks calls sent with init", () => {
  it("wait for the module to load, then run; a stop sent with them ends the worker after", async () => {
    let loaded!: (m: Record<string, unknown>) => void;
    const s = serve(() => new Promise((resolve) => (loaded = resolve)));
    s.init();
    s.calls("one", [1]);
    s.send({ t: "stop" });
    await settle();
    expect(s.out).toEqual([]); // still loading: nothing ran, nothing was refused
    expect(s.closed()).toBe(0);
    loaded({ one: (x: number) => x });
    await settle();
    expect(s.out).toEqual([
      { t: "ready", v: PROTOCOL_VERSION },
      { t: "ok", id: 1, value: 1 },
    ]);
    expect(s.closed()).toBe(1);
  });

  it("are dropped when the module fails to load; a stop sent with them ends the worker", async () => {
    const s = serve(() => Promise.reject(new Error("Cannot find module")));
    s.init();
    s.calls("one", [1]);
    s.send({ t: "stop" });
    await settle();
    expect(s.out).toMatchObject([{ t: "init-failed", stage: "module" }]);
    expect(s.closed()).toBe(1);
    const later = serve(() => Promise.reject(new Error("Cannot find module")));
    later.init();
    later.calls("one", [1]);
    await settle();
    expect(later.closed()).toBe(0); // no stop yet: the parent decides
    later.send({ t: "stop" });
    expect(later.closed()).toBe(1);
    expect(later.out).toHaveLength(1);
  });
});
