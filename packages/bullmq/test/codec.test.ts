// The codec and the command line on their own: no Redis needed.
import { describe, expect, it } from "vitest";
import { checkAgentOptions } from "../src/agent-options.ts";
import { parseAgentArgs } from "../src/cli-args.ts";
import { decode, encode } from "../src/codec.ts";
import { InvalidArgumentError, Pool, PoolClosedError, startAgent } from "../src/index.ts";
import { loadLocalAdapter } from "../src/local-adapter.ts";

/** [1, <hole>, 3]: the hole stays a hole, as structuredClone keeps it. */
function sparse(): unknown[] {
  const list = [1, 2, 3];
  delete list[1];
  return list;
}

describe("codec", () => {
  it("round-trips what a local pool carries, through JSON text", () => {
    const value = {
      map: new Map<unknown, unknown>([[{ k: 1 }, [undefined, null]]]),
      set: new Set([1n, Number.NaN]),
      zero: [-0],
      date: new Date(86_400_000),
      invalid: new Date(Number.NaN),
      regexp: /x\/y/muy,
      bytes: new Uint8ClampedArray([0, 128, 255]),
      view: new DataView(new Uint8Array([9, 8]).buffer),
      slice: new Uint16Array(new Uint16Array([1, 2, 3, 4]).buffer, 2, 2),
      holes: sparse(),
      dollar: { $: "kept", v: 1 },
      proto: JSON.parse('{"__proto__": {"polluted": true}}'),
      error: new RangeError("r"),
    };
    const back = decode(JSON.parse(JSON.stringify(encode(value)))) as typeof value;
    expect(back.map).toEqual(value.map);
    expect([...back.set]).toEqual([1n, Number.NaN]);
    expect(Object.is(back.zero[0], -0)).toBe(true);
    expect(back.date.getTime()).toBe(86_400_000);
    expect(Number.isNaN(back.invalid.getTime())).toBe(true);
    expect(back.regexp).toEqual(/x\/y/muy);
    expect(back.bytes).toEqual(value.bytes);
    expect(new Uint8Array(back.view.buffer)).toEqual(new Uint8Array([9, 8]));
    expect([...back.slice]).toEqual([2, 3]);
    expect(back.holes).toHaveLength(3);
    expect(1 in back.holes).toBe(false);
    expect(back.dollar).toEqual({ $: "kept", v: 1 });
    expect(Object.getPrototypeOf(back.proto)).toBe(Object.prototype);
    expect(Object.keys(back.proto)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(back.error).toBeInstanceOf(RangeError);
    expect(back.error.stack).toBe(value.error.stack);
  });

  it("refuses functions, symbols and cycles with a TypeError", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => encode({ f: () => 1 })).toThrow(/could not be cloned/);
    expect(() => encode([Symbol("s")])).toThrow(TypeError);
    expect(() => encode(cyclic)).toThrow(/circular/);
    const shared = { a: 1 };
    expect(decode(encode([shared, shared]))).toEqual([{ a: 1 }, { a: 1 }]); // shared, not cyclic: fine
  });

  it("refuses unknown tags instead of guessing", () => {
    expect(() => decode({ $: "eval", v: "1" })).toThrow(/unknown tag/);
    expect(() => decode({ $: "T", t: "Function", v: "" })).toThrow(/unknown typed array/);
  });
});

describe("options", () => {
  it("the driver refuses a bad connection, queue or maxPayload with InvalidArgumentError", () => {
    expect(() => new Pool({ connection: "", queue: "q" })).toThrow(InvalidArgumentError);
    expect(() => new Pool({ connection: "redis://h", queue: "a:b" })).toThrow(/without ":"/);
    expect(() => new Pool({ connection: "redis://h", queue: "q", maxPayload: 0 })).toThrow(/maxPayload/);
    expect(() => new Pool({ connection: "redis://h", queue: "q", workers: 0 })).toThrow(/workers/);
    // @ts-expect-error: not an object
    expect(() => new Pool(null)).toThrow(InvalidArgumentError);
  });

  it("the agent refuses bad options before it connects", async () => {
    const base = { connection: "redis://127.0.0.1:1", queue: "q", module: "/abs/tasks.js" };
    const { adapter } = await loadLocalAdapter();
    expect(() => checkAgentOptions({ ...base, module: "./tasks.js" }, adapter)).toThrow(/relative/);
    expect(() => checkAgentOptions({ ...base, lockMs: 5 }, adapter)).toThrow(/lockMs/);
    expect(() => checkAgentOptions({ ...base, kind: "fiber" as never }, adapter)).toThrow(
      /kind must be one of/,
    );
    expect(checkAgentOptions(base, adapter).local.module).toBe("file:///abs/tasks.js");
    await expect(startAgent({ ...base, workers: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("multiproc-agent's arguments: required ones, numbers, a relative module, unknown options", () => {
    const args = ["--connection", "redis://h:1", "--queue", "q", "--module", "tasks.js", "--workers=3"];
    expect(parseAgentArgs([...args, "--max-memory", "512"], "/srv/app")).toMatchObject({
      connection: "redis://h:1",
      queue: "q",
      module: "file:///srv/app/tasks.js",
      workers: 3,
      maxMemory: 512,
    });
    expect(parseAgentArgs(["--help"], "/")).toBe("help");
    expect(() => parseAgentArgs(["--queue", "q"], "/")).toThrow(/--connection is required|--module/);
    expect(() => parseAgentArgs([...args, "--workers", "many"], "/")).toThrow(/--workers must be a number/);
    expect(() => parseAgentArgs([...args, "--eval", "x"], "/")).toThrow(/unknown option --eval/);
    expect(() => parseAgentArgs([...args, "--init-args", "{"], "/")).toThrow(InvalidArgumentError);
  });
});

describe("an unreachable Redis", () => {
  it("calls wait; terminate() still ends the pool and rejects them", async () => {
    const pool = new Pool({ connection: "redis://127.0.0.1:1", queue: "nowhere" });
    const waiting = pool.apply("square", [2]).catch((e: unknown) => e);
    await pool.terminate();
    expect(await waiting).toBeInstanceOf(PoolClosedError);
  });
});

describe("unknown options", () => {
  it("the driver and the agent refuse a key that is no option, naming the nearest", async () => {
    expect(() => new Pool({ connection: "redis://h", queue: "q", wrokers: 2 } as never)).toThrow(
      /no option "wrokers": did you mean "workers"\?/,
    );
    // A local pool's option given to the driver: it is the agents'.
    expect(() => new Pool({ connection: "redis://h", queue: "q", module: "/x.js" } as never)).toThrow(
      /module, kind and the like are the agents'/,
    );
    const { adapter } = await loadLocalAdapter();
    const base = { connection: "redis://127.0.0.1:1", queue: "q", module: "/abs/tasks.js" };
    expect(() => checkAgentOptions({ ...base, lockMS: 500 } as never, adapter)).toThrow(
      /did you mean "lockMs"/,
    );
    // kind "process": Deno's and Bun's threads cannot be bounded alone, and refuse maxMemory.
    const bounded = { ...base, kind: "process" as const, maxMemory: 300 };
    expect(checkAgentOptions(bounded, adapter).local).toMatchObject({ maxMemory: 300 });
  });
});
