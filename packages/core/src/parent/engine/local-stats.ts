// What stats() reports of core's own engine's workers: how many in each state, and how long the
// live ones have lived (for utilization).
import type { WorkerCounts } from "./call-stats.ts";
import type { WorkerSlot } from "./worker-slot.ts";

/** The workers by state, and how long the live ones have lived in all (ms). */
export function countWorkers(slots: readonly WorkerSlot[]): { workers: WorkerCounts; aliveMs: number } {
  const workers = { total: slots.length, busy: 0, idle: 0, starting: 0 };
  const now = performance.now();
  let aliveMs = 0;
  for (const slot of slots) {
    aliveMs += now - slot.startedAt;
    if (slot.state === "starting") workers.starting++;
    else if (slot.inFlight > 0) workers.busy++;
    else if (slot.state === "ready") workers.idle++;
  }
  return { workers, aliveMs };
}
