// The task server when its channel fails it: a reply that cannot be sent, even as an error, must
// not leave the call counted as running (the worker would never stop), and a halted server sends
// nothing more, not even the error its interrupted start-up threw.
import { describe, expect, it } from "vitest";
import { type FromWorker, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { serveTasks } from "../src/worker-api.ts";

function serve(tasks: Record<string, unknown>, refuse: (m: FromWorker) => boolean) {
  const sent: FromWorker[] = [];
  let deliver: (m: ToWorker) => void = () => {};
  let closed = false;
  const server = serveTasks(
    {
      send: (m) => {
        if (refuse(m)) throw new Error("the channel refused it");
        sent.push(structuredClone(m));
      },
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
  return { sent, server, send: (m: ToWorker) => deliver(m), settle, isClosed: () => closed };
}

describe("serveTasks on a failing channel", () => {
  it("a call whose reply and fallback error both fail to send no longer counts as running", async () => {
    const s = serve(
      { one: () => 1, two: () => 2 },
      (m) => m.t === "ok" || m.t === "err" || m.t === "replies",
    );
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    await s.settle();
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [] },
        { id: 2, fn: "two", args: [] },
      ],
    });
    s.send({ t: "stop" });
    await s.settle();
    // Both calls ran (the second only starts once the first is done) and the worker may end.
    expect(s.isClosed()).toBe(true);
  });

  it("a start-up halted by the module's own exit sends no init failure", async () => {
    const sent: FromWorker[] = [];
    let deliver: (m: ToWorker) => void = () => {};
    const server = serveTasks(
      {
        send: (m) => sent.push(m),
        onMessage: (listener) => {
          deliver = listener;
        },
        close: () => {},
      },
      {
        importModule: async () => {
          server.halt(); // what an exit wrapper does when the module calls process.exit() at import
          throw new Error("interrupted by exit");
        },
      },
    );
    deliver({ t: "init", v: PROTOCOL_VERSION, module: "x" });
    await new Promise((r) => setTimeout(r, 5));
    expect(sent.map((m) => m.t)).toEqual(["exiting"]);
  });
});
