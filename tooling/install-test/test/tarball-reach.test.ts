// No package reaches outside its tarball: every import is a node: builtin, a declared dependency
// or a file the tarball holds; worker entries and source maps resolve inside it; no workspace path
// or workspace: range is left in it.
import { describe, expect, inject, it } from "vitest";
import { reachProblems } from "./support/tarball-reach.ts";

const packed = inject("packed");

describe("the packed packages", () => {
  it("include every public package", () => {
    expect(packed.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "@multiproc/auto",
        "@multiproc/bench",
        "@multiproc/browser",
        "@multiproc/bun",
        "@multiproc/conformance",
        "@multiproc/core",
        "@multiproc/deno",
        "@multiproc/node",
        "@multiproc/runtimes",
      ]),
    );
  });

  it.concurrent.for(packed)(
    "$name refers only to what its tarball holds or declares",
    async (pkg, { expect }) => {
      expect(await reachProblems(pkg)).toEqual([]);
    },
  );
});
