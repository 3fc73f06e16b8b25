// A worker whose answers can wait inside it (an IPC channel its parent has not read) starts no
// call while one does: killed without a word, it would lose those answers, and the parent would
// take the calls they answered for the one that was running and run them again elsewhere.
import { describe, expect, it } from "vitest";
import { type FromWorker, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { reportProgress } from "../src/task-api.ts";
import { serveFlushed } from "../src/worker-api.ts";

/** serveFlushed over a transport whose sends leave only when the test says so. */
function heldTransport(tasks: Record<string, unknown>) {
  const sent: FromWorker[] = [];
  const waiting: (() => void)[] = [];
  let deliver: (m: ToWorker) => void = () => {};
  serveFlushed(
    {
      send: (message, left) => {
        sent.push(structuredClone(message));
        waiting.push(left);
      },
      onMessage: (listener) => {
        deliver = listener;
      },
      exitNow: () => {},
    },
    { importModule: async () => tasks },
  );
  const leaveAll = () => {
    for (const left of waiting.splice(0)) left();
  };
  return { sent, deliver: (m: ToWorker) => deliver(m), leaveAll };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("serveFlushed: answers that have not left hold the next call back", () => {
  it("starts a call only once every answer before it has left", async () => {
    const ran: number[] = [];
    const w = heldTransport({ note: (x: number) => ran.push(x) });
    w.deliver({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    await settle();
    w.leaveAll(); // "ready" has left
    w.deliver({ t: "calls", calls: [1, 2, 3].map((id) => ({ id, fn: "note", args: [id] })) });
    expect(ran).toEqual([1]); // its answer is still inside the worker: 2 waits
    w.leaveAll();
    expect(ran).toEqual([1, 2]);
    w.leaveAll();
    w.leaveAll();
    expect(ran).toEqual([1, 2, 3]);
    expect(w.sent.filter((m) => m.t === "ok").map((m) => (m as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it("a progress report that has not left holds no call back: losing it cannot make a call run twice", async () => {
    const ran: string[] = [];
    let finish: () => void = () => {};
    const w = heldTransport({
      step: () => {
        ran.push("step");
        reportProgress(1);
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      note: () => ran.push("note"),
    });
    w.deliver({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 2 });
    await settle();
    w.leaveAll();
    w.deliver({
      t: "calls",
      calls: [
        { id: 1, fn: "step", args: [] },
        { id: 2, fn: "note", args: [] },
      ],
    });
    // The report has not left, and "note" ran anyway (and answered).
    expect(ran).toEqual(["step", "note"]);
    expect(w.sent.map((m) => m.t)).toEqual(["ready", "progress", "ok"]);
    finish();
    await settle();
  });

  it("a transport whose sends leave at once runs the calls of a message one after another", async () => {
    const ran: number[] = [];
    const sent: FromWorker[] = [];
    let deliver: (m: ToWorker) => void = () => {};
    serveFlushed(
      {
        send: (message, left) => {
          sent.push(message);
          left();
        },
        onMessage: (listener) => {
          deliver = listener;
        },
        exitNow: () => {},
      },
      { importModule: async () => ({ note: (x: number) => ran.push(x) }) },
    );
    deliver({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    await settle();
    deliver({ t: "calls", calls: [1, 2, 3].map((id) => ({ id, fn: "note", args: [id] })) });
    expect(ran).toEqual([1, 2, 3]);
  });
});
