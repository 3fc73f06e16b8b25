// A Process drops its arguments once they are sent, as CPython does (bpo-30775): a large
// argument must not stay alive as long as the Process object does.
import { describe, expect, it } from "vitest";
import { inProcessAdapter } from "../src/in-process-api.ts";
import { newProcess } from "./bound.ts";

/** A way to force a full collection on this runtime, or undefined. */
async function findGc(): Promise<(() => void) | undefined> {
  const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
  if (g.Bun) return () => g.Bun?.gc(true);
  if (typeof g.gc === "function") return g.gc;
  try {
    const v8 = await import("node:v8");
    const vm = await import("node:vm");
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    return typeof gc === "function" ? gc : undefined;
  } catch {
    return undefined;
  }
}

const gc = await findGc();

/** Starts a Process on a large argument made here, so no frame of the test holds the argument. */
function startOnBigArg(): { ref: WeakRef<object>; p: ReturnType<typeof newProcess> } {
  const big = { payload: new Array(100_000).fill(7) };
  const p = newProcess(
    { module: new URL("./fixtures/noop-tasks.mjs", import.meta.url), target: "size", args: [big] },
    inProcessAdapter,
  );
  p.start();
  return { ref: new WeakRef(big), p };
}

describe("Process", () => {
  it.skipIf(!gc)("does not keep its args alive after start() [needs a way to force GC]", async () => {
    const started = Array.from({ length: 6 }, startOnBigArg);
    for (const { p } of started) await p.join();
    for (const { p } of started) expect(await p.result).toBeGreaterThan(100_000);
    // Bun's collector scans the stack conservatively: a stale word can pin an object for a
    // collection or two (in about 1 run in 20 with a single Process), so collect again from fresh
    // turns of the event loop, and ask for most of the six, not all: a Process that kept its
    // args would let none go.
    const alive = () => started.filter(({ ref }) => ref.deref() !== undefined).length;
    for (let i = 0; i < 20 && alive() > 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      gc?.();
    }
    expect(alive()).toBeLessThanOrEqual(2);
    for (const { p } of started) expect(p.exitCode).toBe(0); // the Processes themselves are still here
  });
});
