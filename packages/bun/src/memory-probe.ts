// How the Bun adapter reads a worker process's resident memory for maxMemory: Linux's
// /proc/PID/status. Bun has no heap flag, so elsewhere maxMemory bounds nothing (the README says so).
import { readFileSync } from "node:fs";
import { type MemoryProbe, residentFromProcStatus } from "@multiproc/core/adapter";

export const bunMemoryProbe: MemoryProbe = {
  residentMiB(pid) {
    try {
      return residentFromProcStatus(readFileSync(`/proc/${pid}/status`, "utf8"));
    } catch {
      return undefined; // gone, or no /proc here
    }
  },
  unref: (timer) => (timer as { unref?: () => void }).unref?.(),
};
