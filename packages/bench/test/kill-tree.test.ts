// killTree ends a process and everything under it, grandchildren included (Linux: /proc).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { descendants, killTree } from "../src/kill-tree.ts";

/** Running, not ended (a zombie waiting for its parent to reap it counts as ended). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

// A process whose child starts a grandchild; each sleeps.
const nest = (depth: number): string =>
  depth === 0
    ? "setTimeout(() => {}, 60_000)"
    : `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(nest(depth - 1))}], { stdio: "ignore" }); setTimeout(() => {}, 60_000)`;

describe.skipIf(!existsSync("/proc/self/stat"))("killTree (skipped where there is no /proc)", () => {
  it("kills the root, its child and its grandchild", async () => {
    const root = spawn(process.execPath, ["-e", nest(2)], { stdio: "ignore" });
    const pid = root.pid as number;
    let tree: number[] = [];
    for (let waited = 0; tree.length < 2 && waited < 20_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      tree = descendants(pid);
    }
    expect(tree).toHaveLength(2);
    const closed = new Promise((r) => root.on("exit", r));
    expect(killTree(pid).sort()).toEqual([pid, ...tree].sort());
    await closed;
    for (let waited = 0; tree.some(running) && waited < 2000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(tree.filter(running)).toEqual([]);
  });
});
