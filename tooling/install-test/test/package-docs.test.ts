// Every packed package can be read on npm: its README's links resolve from the tarball or point
// into the repository at files that exist, and its package.json names the repository (with the
// package's folder), a homepage and where to file issues.
import { workspaceRoot } from "@multiproc/runtimes";
import { describe, inject, it } from "vitest";
import { docsProblems } from "./support/package-docs.ts";

const packed = inject("packed");

describe("the packed packages' docs", () => {
  it.concurrent.for(packed)("$name links only to what npm readers can reach", async (pkg, { expect }) => {
    expect(await docsProblems(pkg, workspaceRoot)).toEqual([]);
  });
});
