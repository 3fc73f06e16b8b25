// With no `kind`, a Pool or Process takes its adapter's first kind, so an adapter that only
// starts processes works without being told.
import { describe, expect, it } from "vitest";
import { Pool, Process } from "../src/adapter-api.ts";
import { InvalidArgumentError } from "../src/index.ts";
import { fakeAdapter } from "./fake-adapter.ts";

const module = "file:///tasks.mjs";

describe("default kind", () => {
  it("is the adapter's first kind", async () => {
    const processOnly = { ...fakeAdapter(), kinds: ["process"] as const };
    const pool = new Pool({ module }, processOnly);
    expect(pool.options.kind).toBe("process");
    await pool.terminate();
    expect(new Pool({ module }, fakeAdapter()).options.kind).toBe("thread");
    expect(() => new Process({ module, target: "x" }, processOnly)).not.toThrow();
  });

  it("a kind the adapter lacks is refused with the kinds it has", () => {
    const processOnly = { ...fakeAdapter(), kinds: ["process"] as const };
    expect(() => new Pool({ module, kind: "thread" }, processOnly)).toThrow(InvalidArgumentError);
    expect(() => new Pool({ module, kind: "thread" }, processOnly)).toThrow(/"process"/);
  });
});
