// The task server and talk objects: a call or initializer marked live gets its Queue, Lock, …
// alive, their code loaded only then (worker/live-args.ts), and in its turn among the other calls;
// the agent id from "init" is the one this thread's Locks are owned by (worker/worker-agent.ts).
import { describe, expect, it, vi } from "vitest";
import { type FromWorker, PROTOCOL_VERSION, type ToWorker } from "../src/adapter-api.ts";
import { agentId } from "../src/talk/agent.ts";
import { Event } from "../src/talk/event.ts";
import { handOff } from "../src/talk/handoff.ts";
import { TALK_MARK } from "../src/talk/talker.ts";
import { serveTasks } from "../src/worker-api.ts";

function serve(tasks: Record<string, unknown>) {
  const out: FromWorker[] = [];
  let deliver: (m: ToWorker) => void = () => {};
  const server = serveTasks(
    {
      send: (m) => out.push(m),
      onMessage: (listener) => {
        deliver = listener;
      },
      close: () => {},
    },
    { importModule: async () => tasks },
  );
  // The first live message loads the talk objects' code: its answers take a while to come.
  const settle = (count: number) => vi.waitFor(() => expect(out.length).toBeGreaterThanOrEqual(count), 5000);
  return { out, send: (m: ToWorker) => deliver(m), settle, halt: () => server.halt() };
}

/** Arguments as the parent sends them: each talk object replaced by its wire form. */
function wired(args: unknown[]): unknown[] {
  const handed = handOff(args, "thread", "the test's args");
  if (!handed) throw new Error("no talk object in the args");
  return handed.args;
}

const tag = (value: unknown) => Object.prototype.toString.call(value);

describe("serveTasks with talk objects", () => {
  it("makes the agent id sent in init this thread's, as Locks read it", async () => {
    const s = serve({});
    const id = agentId() === 4242 ? 4243 : 4242;
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", agent: id });
    expect(agentId()).toBe(id);
  });

  it("revives a live call's objects, answering it in its turn between plain calls", async () => {
    const s = serve({ kinds: (...args: unknown[]) => args.map(tag), one: () => 1 });
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [] },
        { id: 2, fn: "kinds", args: wired([new Event(), { nested: [new Event()] }, 3]), live: true },
        { id: 3, fn: "one", args: [] },
      ],
    });
    await s.settle(4);
    expect(s.out.filter((m) => m.t !== "ready")).toEqual([
      { t: "ok", id: 1, value: 1 },
      { t: "ok", id: 2, value: ["[object Event]", "[object Object]", "[object Number]"] },
      { t: "ok", id: 3, value: 1 },
    ]);
  });

  it("revives initArgs marked live before the initializer runs", async () => {
    let got: unknown;
    const s = serve({ init: (event: unknown) => (got = event), one: () => 1 });
    s.send({
      t: "init",
      v: PROTOCOL_VERSION,
      module: "x",
      initializer: "init",
      initArgs: wired([new Event()]),
      initLive: true,
    });
    await s.settle(1);
    expect(s.out).toEqual([{ t: "ready", v: PROTOCOL_VERSION }]);
    expect(got).toBeInstanceOf(Event);
  });

  it("fails only the call whose wire form names no known object", async () => {
    const s = serve({ one: () => 1 });
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 1 });
    const unknown = { [TALK_MARK]: "Teapot" };
    s.send({
      t: "calls",
      calls: [
        { id: 1, fn: "one", args: [unknown], live: true },
        { id: 2, fn: "one", args: [] },
      ],
    });
    await s.settle(3);
    expect(s.out.filter((m) => m.t !== "ready")).toEqual([
      {
        t: "err",
        id: 1,
        error: expect.objectContaining({ message: expect.stringContaining("cannot rebuild a Teapot") }),
      },
      { t: "ok", id: 2, value: 1 },
    ]);
  });

  it("never runs a live call's task once the worker has halted while its code loaded", async () => {
    let ran = false;
    const s = serve({ touch: () => (ran = true) });
    s.send({ t: "init", v: PROTOCOL_VERSION, module: "x", concurrency: 2 });
    await s.settle(1); // ready
    s.send({ t: "calls", calls: [{ id: 1, fn: "touch", args: wired([new Event()]), live: true }] });
    s.halt(); // as another call's process.exit() would, before the talk code has loaded
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.out.filter((m) => m.t !== "ready")).toEqual([{ t: "exiting", running: [1] }]);
    expect(ran).toBe(false);
  });
});
