// The worker-side task server, driven through a channel the test holds both ends of.
import { describe, expect, it } from "vitest";
import { type FromWorker, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { serveTasks } from "../src/worker-api.ts";

function serve(tasks: Record<string, unknown>) {
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
    { importModule: async () => tasks },
  );
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { out, server, send: (m: ToWorker) => deliver(m), settle, isClosed: () => closed };
}

describe("serveTasks", () => {
  it("refuses another protocol version at init", async () => {
    const s = serve({});
    s.send({ t: "init", v: PROTOCOL_VERSION + 1, module: "x" });
    await s.settle();
    expect(s.out[0]).toMatchObject({ t: "init-failed", stage: "version" });
  });

  it("runs calls and chunks, reports unknown tasks and unsendable results, and stops when idle", async () => {
    const s = serve({ double: (x: number) => x * 2, fn: () => () => 0 });
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x" });
    await s.settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "double", args: [4] },
        { id: 2, fn: "double", args: [[1], [2]], chunk: "argLists" },
        { id: 5, fn: "double", args: [3, 4], chunk: "items" },
        { id: 3, fn: "nope", args: [] },
        { id: 4, fn: "fn", args: [] },
      ],
    });
    await s.settle();
    const byId = (id: number) => s.out.find((m) => "id" in m && m.id === id);
    expect(s.out[0]).toEqual({ t: "ready", v: PROTOCOL_VERSION });
    expect(byId(1)).toEqual({ t: "ok", id: 1, value: 8 });
    expect(byId(2)).toEqual({ t: "ok", id: 2, value: [2, 4] });
    expect(byId(3)).toMatchObject({ t: "err", reason: "unknown-task", available: ["double", "fn"] });
    expect(byId(4)).toMatchObject({
      t: "err",
      reason: "unsendable-result",
      error: { name: "DataCloneError" },
    });
    expect(byId(5)).toEqual({ t: "ok", id: 5, value: [6, 8] });
    expect(s.out).toHaveLength(6);
    s.send({ t: "stop" });
    expect(s.isClosed()).toBe(true);
  });

  it("halt() names the running calls, then starts and answers nothing more", async () => {
    let release: () => void = () => {};
    const s = serve({ wait: () => new Promise<void>((r) => (release = r)), one: () => 1 });
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    await s.settle();
    s.send({
      t: "calls",
      calls: [
        { id: 7, fn: "wait", args: [] },
        { id: 8, fn: "one", args: [] },
      ],
    });
    await s.settle();
    s.server.halt();
    release();
    await s.settle();
    expect(s.out.slice(1)).toEqual([{ t: "exiting", running: [7] }]); // 8 never started, 7's answer dropped
  });

  it("awaits an async initializer before the first call, even one sent with init", async () => {
    let initialized = false;
    const s = serve({
      init: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        initialized = true;
      },
      state: () => initialized,
    });
    // As a Process sends them: the call right behind init, before "ready".
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", initializer: "init" });
    s.send({ t: "call", id: 1, fn: "state", args: [] });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(s.out).toEqual([
      { t: "ready", v: PROTOCOL_VERSION },
      { t: "ok", id: 1, value: true },
    ]);
  });
});
