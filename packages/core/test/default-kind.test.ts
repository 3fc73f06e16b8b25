// With no `kind`, a Pool or Process takes its adapter's first kind, so an adapter that only
// starts processes works without being told.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../src/index.ts";
import { newPool, newProcess } from "./bound.ts";
import { fakeAdapter } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

describe("default kind", () => {
  it("is the adapter's first kind", async () => {
    const processOnly = { ...fakeAdapter(), kinds: ["process"] as const };
    const pool = newPool({ module }, processOnly);
    expect(pool.options.kind).toBe("process");
    await pool.terminate();
    expect(newPool({ module }, fakeAdapter()).options.kind).toBe("thread");
    expect(() => newProcess({ module, target: "x" }, processOnly)).not.toThrow();
  });

  it("a kind the adapter lacks is refused with the kinds it has", () => {
    const processOnly = { ...fakeAdapter(), kinds: ["process"] as const };
    expect(() => newPool({ module, kind: "thread" }, processOnly)).toThrow(InvalidArgumentError);
    expect(() => newPool({ module, kind: "thread" }, processOnly)).toThrow(/"process"/);
  });
});
