import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { selectRuntimes } from "../src/runtimes.ts";
import { laneCount, longestFirst, runInLanes } from "../src/test-lanes.ts";

describe("longestFirst", () => {
  it("puts the longest suite first and keeps the order of equal ones", () => {
    const suites = [
      { name: "a", seconds: 5 },
      { name: "b", seconds: 200 },
      { name: "c", seconds: 5 },
      { name: "d", seconds: 40 },
    ];
    expect(longestFirst(suites).map((s) => s.name)).toEqual(["b", "d", "a", "c"]);
  });
});

describe("runInLanes", () => {
  it("never runs more than `lanes` at once, and a free lane takes the next item at once", async () => {
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, () => void>();
    const done = runInLanes(["long", "s1", "s2", "s3"], 2, async (item) => {
      running++;
      most = Math.max(most, running);
      events.push(`start ${item}`);
      await new Promise<void>((resolve) => gates.set(item, resolve));
      events.push(`end ${item}`);
      running--;
    });
    const release = async (item: string) => {
      while (!gates.has(item)) await new Promise((r) => setImmediate(r));
      gates.get(item)?.();
    };
    await release("s1"); // "long" still runs: s2 starts in s1's lane
    await release("s2");
    await release("s3");
    await release("long");
    await done;
    expect(most).toBe(2);
    expect(events).toEqual([
      "start long",
      "start s1",
      "end s1",
      "start s2",
      "end s2",
      "start s3",
      "end s3",
      "end long",
    ]);
  });

  it("with one lane runs the items one by one, in order", async () => {
    const seen: number[] = [];
    await runInLanes([1, 2, 3], 1, async (n) => {
      await new Promise((r) => setTimeout(r, 3 - n));
      seen.push(n);
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("laneCount", () => {
  it("takes --lanes over the environment, the fallback when neither is set, and refuses a non-count", () => {
    expect(laneCount("3", "1", 2)).toBe(3);
    expect(laneCount(undefined, "1", 2)).toBe(1);
    expect(laneCount(undefined, undefined, 2)).toBe(2);
    expect(() => laneCount("0", undefined, 2)).toThrow(/lanes must be a whole number ≥ 1, not "0"/);
    expect(() => laneCount(undefined, "two", 2)).toThrow(/not "two"/);
  });
});

describe("pnpm test --filter", () => {
  it("refuses a filter that names no package, instead of passing on earlier runs' results", () => {
    const testAll = fileURLToPath(new URL("../dist/cli/test-all.js", import.meta.url));
    // test-all is a Node program (pnpm test runs it with Node), whichever runtime runs this file
    const [node20] = selectRuntimes(["node20"]);
    const run = spawnSync(node20?.binary ?? "node", [testAll, "--filter=no-such-package"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--filter=no-such-package names no package");
    expect(run.stderr).toContain("packages/core");
  });
});
