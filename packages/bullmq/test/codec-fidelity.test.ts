// What the codec keeps as a local pool does (error causes, array holes, boxed primitives, only a
// view's bytes), error class names that are not the lookup tables' own, errors over maxPayload,
// and URLs with secrets in their query: no Redis needed.

import { TaskError } from "@multiproc/core";
import { describe, expect, it } from "vitest";
import { builtInError, decode, encode, type Wire } from "../src/codec.ts";
import { redact } from "../src/connection.ts";
import { type Envelope, errorEnvelope, open, reviveError } from "../src/wire.ts";

/** Through JSON text, as through Redis. */
function roundTrip<T>(value: T): T {
  return decode(JSON.parse(JSON.stringify(encode(value))) as Wire, reviveError) as T;
}

describe("the codec keeps", () => {
  it("an error's cause, not enumerable, as new Error(m, { cause }) makes it", () => {
    const error = roundTrip(new Error("outer", { cause: new TypeError("inner") }));
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe("inner");
    expect(Object.keys(error)).not.toContain("cause");
    expect(roundTrip(new Error("plain"))).not.toHaveProperty("cause");
    expect(roundTrip(new Error("u", { cause: undefined }))).toHaveProperty("cause", undefined);
    expect(roundTrip(new Error("data", { cause: { code: 7 } })).cause).toEqual({ code: 7 });
  });

  it("an error whose cause cannot cross, without its cause", () => {
    const self = new Error("self");
    self.cause = self;
    const back = roundTrip(new Error("f", { cause: () => 1 }));
    expect(back.message).toBe("f");
    expect(back).not.toHaveProperty("cause");
    expect(roundTrip(self)).not.toHaveProperty("cause");
  });

  it("array holes as holes, runs of them compactly", () => {
    const list: unknown[] = [1, 2, 3];
    delete list[1];
    list.length = 5;
    const back = roundTrip(list);
    expect(back).toHaveLength(5);
    expect([0 in back, 1 in back, 2 in back, 3 in back, 4 in back]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(roundTrip([undefined])).toEqual([undefined]);
    expect(0 in roundTrip([undefined])).toBe(true);
    expect(JSON.stringify(encode(new Array(1_000_000)))).toBe('[{"$":"h","n":1000000}]');
    expect(() => decode([{ $: "h", n: -1 }])).toThrow(/holes/);
    expect(() => decode([{ $: "h", n: 2 ** 40 }])).toThrow(/holes/);
  });

  it("boxed primitives as boxed primitives", () => {
    const [n, s, b, big] = roundTrip([new Number(3), new String("s"), new Boolean(false), Object(1n)]);
    expect(n).toBeInstanceOf(Number);
    expect(Number(n)).toBe(3);
    expect(s).toBeInstanceOf(String);
    expect(String(s)).toBe("s");
    expect(b).toBeInstanceOf(Boolean);
    expect(b.valueOf()).toBe(false);
    expect(typeof big).toBe("object");
    expect(big.valueOf()).toBe(1n);
    expect(() => encode(Object(Symbol("s")))).toThrow(TypeError);
    expect(() => decode({ $: "X", v: { $: "o", v: {} } })).toThrow(/boxed/);
  });

  it("only a view's own bytes, with its type, at offset 0", () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).buffer;
    const view = roundTrip(new DataView(buffer, 2, 4));
    expect(view).toBeInstanceOf(DataView);
    expect([view.byteOffset, view.byteLength, view.buffer.byteLength]).toEqual([0, 4, 4]);
    expect([...new Uint8Array(view.buffer)]).toEqual([2, 3, 4, 5]);
    const floats = roundTrip(new Float32Array(new Float32Array([1.5, 2.5, 3.5]).buffer, 4, 2));
    expect(floats).toBeInstanceOf(Float32Array);
    expect([...floats]).toEqual([2.5, 3.5]);
    expect(floats.byteOffset).toBe(0);
    expect(() => decode({ $: "T", t: "constructor", v: "" })).toThrow(/unknown typed array/);
  });
});

describe("error class names", () => {
  it("that are Object.prototype's members revive as a plain Error, by either reviver", () => {
    for (const cls of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      const wire = { $: "E", c: cls, n: "X", m: "msg", s: null, p: {} };
      for (const revive of [reviveError, builtInError]) {
        const error = decode(wire, revive) as Error;
        expect(Object.getPrototypeOf(error), cls).toBe(Error.prototype);
        expect(error.message).toBe("msg");
        expect(error.name).toBe("X");
      }
    }
    expect(decode({ $: "E", c: "RangeError", n: "RangeError", m: "r", s: null, p: {} })).toBeInstanceOf(
      RangeError,
    );
  });
});

describe("an error over maxPayload", () => {
  it("comes back as its class, its message cut and saying so, within the limit", () => {
    const error = new TaskError(
      { name: "Error", message: "x".repeat(200_000) },
      { task: "fail", module: "file:///t.mjs" },
    );
    const envelope = errorEnvelope(error, 1000);
    expect(JSON.stringify(envelope).length).toBeLessThanOrEqual(1000);
    const back = catchOpen(envelope);
    expect(back).toBeInstanceOf(TaskError);
    expect(back.message).toMatch(
      /^x+ \[truncated: the error was \d+ characters encoded, over the agent's maxPayload of 1000\]$/,
    );
    expect((back as TaskError).task).toBe("fail"); // small properties that fit are kept
  });

  it("is left whole under the limit; a tiny limit still gives a short message", () => {
    const small = new RangeError("small");
    expect(errorEnvelope(small, 100_000)).toEqual({ err: encode(small) });
    const back = catchOpen(errorEnvelope(new Error("y".repeat(5000)), 10));
    expect(back.message).toMatch(/^y{200} \[truncated/);
  });

  it("with a huge cause: the cause is left out, a small one kept", () => {
    const huge = catchOpen(errorEnvelope(new Error("m", { cause: "c".repeat(5000) }), 1000));
    expect(huge).not.toHaveProperty("cause");
    const small = catchOpen(errorEnvelope(new Error("m".repeat(5000), { cause: "small" }), 1000));
    expect(small.cause).toBe("small");
  });

  it("with a huge property: the property is left out", () => {
    const error = Object.assign(new Error("m"), { blob: "z".repeat(5000), code: "E_BIG" });
    const back = catchOpen(errorEnvelope(error, 1000)) as Error & { blob?: string; code?: string };
    expect(back.blob).toBeUndefined();
    expect(back.code).toBe("E_BIG");
    expect(back.message).toMatch(/^m \[truncated/);
  });
});

describe("redact", () => {
  it("masks the user, the password and secret-looking query parameters", () => {
    expect(redact("redis://127.0.0.1:6379/?username=alice&password=s3cret&db=2")).toBe(
      "redis://127.0.0.1:6379/?username=***&password=***&db=2",
    );
    expect(redact("rediss://u:p@h:1/0?tls=1&sentinelPassword=x&authToken=y&family=4")).toBe(
      "rediss://***:***@h:1/0?tls=1&sentinelPassword=***&authToken=***&family=4",
    );
    expect(redact(new URL("redis://h/?PASSWORD=a%20b"))).toBe("redis://h/?PASSWORD=***");
    expect(redact("redis://h/?pass%77ord=s3cret")).toBe("redis://h/?pass%77ord=***");
    expect(redact("not a url//u:p@h?password=s3cret&x=1")).toBe("not a url//***@h?password=***&x=1");
  });
});

function catchOpen(envelope: Envelope): Error {
  try {
    open(envelope);
  } catch (error) {
    return error as Error;
  }
  throw new Error("the envelope held no error");
}
