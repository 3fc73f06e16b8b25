// Warming a driver up until it sends quick calls several to a job, for the tests that need it.
import { onTestFinished } from "vitest";
import type { Pool } from "../src/index.ts";
import { tuning } from "../src/tuning.ts";

type Tasks = typeof import("./fixtures/tasks.mjs");

/**
 * Calls `square` until the driver batches: 30 calls one at a time, then bursts of 40 until one
 * of them went in a job of several (a job named "batch" among `jobNames()`, the queue's added
 * jobs). The driver batches once the agents have timed calls as short (see src/batching.ts).
 * Until the calling test ends, calls under KNOWN_SHORT_MS count as short: at the real 2 ms, on a
 * loaded host, the agents' median for `square` or `slowWhere(1)` sat near the line, and the
 * replies after the warm-up could tip it back (a burst of 2,000 went a job each, once in 28
 * loaded runs). Throws after 30 s without a batch.
 */
export async function untilBatching(pool: Pool<Tasks>, jobNames: () => string[]): Promise<void> {
  const shortCallMs = tuning.shortCallMs;
  tuning.shortCallMs = KNOWN_SHORT_MS;
  onTestFinished(() => {
    tuning.shortCallMs = shortCallMs;
  });
  const deadline = Date.now() + 30_000;
  for (let i = 0; i < 30; i++) {
    const value = await pool.apply("square", [i]);
    if (value !== i * i) throw new Error(`square(${i}) gave ${value} during the warm-up`);
  }
  while (Date.now() < deadline) {
    const before = jobNames().length;
    const values = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.apply("square", [i])));
    if (values.some((v, i) => v !== i * i)) throw new Error("a square came back wrong during the warm-up");
    if (jobNames().slice(before).includes("batch")) return;
  }
  throw new Error("the driver never sent a batch in 30 s of warm-up: the agents never timed calls as short");
}

/** The time per call (ms) under which calls count as short during a test that warmed up. */
const KNOWN_SHORT_MS = 100;
