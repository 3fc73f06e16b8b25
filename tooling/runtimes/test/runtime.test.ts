import { describe, expect, it } from "vitest";
import { detectRuntime } from "../src/detect.ts";

const expected = {
  name: process.env.MULTIPROC_RUNTIME,
  version: process.env.MULTIPROC_RUNTIME_VERSION,
};

describe("the runtime running this suite", () => {
  it("is detected from its own globals", () => {
    const { name, version } = detectRuntime();
    const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
    if (name === "deno") expect(version).toBe(g.Deno?.version.deno);
    else if (name === "bun") expect(version).toBe(g.Bun?.version);
    else {
      expect(g.Deno).toBeUndefined();
      expect(g.Bun).toBeUndefined();
      expect(version).toBe(process.versions.node);
    }
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.skipIf(!expected.name)(
    "is the one the runner started (skipped when vitest is not started by multiproc-test)",
    () => {
      expect(detectRuntime()).toEqual({ name: expected.name, version: expected.version });
    },
  );
});
