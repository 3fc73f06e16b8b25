// Core's folders are the two sides of the wire and what crosses it: the parent (Pool, Process,
// engines) and the worker (the task server) never import each other, so a worker loads none of
// the parent's code and the parent none of the worker's. Both may use wire/ and shared/.
import { describe, expect, it } from "vitest";
import { importsOf, sourceFiles } from "./source-files.ts";

/** Which folders each folder (or entry file) may import from. */
const allowed: Record<string, string[]> = {
  "parent/": ["parent/", "wire/", "shared/", "talk/"],
  "worker/": ["worker/", "wire/", "shared/", "talk/"],
  // Queue, Lock, …: used on both sides; they throw the parent's errors (a leaf module).
  "talk/": ["talk/", "wire/", "shared/", "parent/errors.ts"],
  "wire/": ["wire/", "shared/"],
  "shared/": ["shared/"],
  // The adapter-author entry is the parent's; the worker entry the worker's; users' is the parent's.
  "adapter-api.ts": ["parent/", "wire/", "shared/", "talk/"],
  "index.ts": ["parent/", "wire/", "talk/"],
  "worker-api.ts": ["worker/", "wire/"],
  "task-api.ts": ["worker/", "wire/"],
  // Both sides in one thread, on purpose: its own subpath, never loaded by an adapter's Pool.
  "in-process/": ["parent/", "worker/", "wire/", "shared/", "in-process/"],
  "in-process-api.ts": ["in-process/", "index.ts"],
};

function sideOf(file: string): string {
  const folder = file.includes("/") ? `${file.slice(0, file.indexOf("/"))}/` : file;
  if (!(folder in allowed)) throw new Error(`${file}: no rule for ${folder} in sides-of-the-wire.test.ts`);
  return folder;
}

describe("@multiproc/core source", () => {
  it("keeps the parent's and the worker's code apart", () => {
    const crossings: string[] = [];
    for (const file of sourceFiles()) {
      const side = sideOf(file);
      for (const imported of importsOf(file)) {
        const ok = (allowed[side] ?? []).some((prefix) =>
          prefix.endsWith("/") ? imported.startsWith(prefix) : imported === prefix,
        );
        if (!ok) crossings.push(`${file} -> ${imported}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it("sees a crossing when there is one", () => {
    // The rule table is read as the test reads it: the worker side may not reach the parent.
    expect(allowed["worker/"]).not.toContain("parent/");
    expect(importsOf("worker/task-server.ts").some((f) => f.startsWith("wire/"))).toBe(true);
  });
});
