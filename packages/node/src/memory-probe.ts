// How the Node adapter reads a worker process's resident memory for maxMemory (Linux's
// /proc/PID/status; elsewhere nothing, and the child's heap flag is the only bound).
import { readFileSync } from "node:fs";
import { type MemoryProbe, residentFromProcStatus } from "@multiproc/core/adapter";

export const nodeMemoryProbe: MemoryProbe = {
  residentMiB(pid) {
    try {
      return residentFromProcStatus(readFileSync(`/proc/${pid}/status`, "utf8"));
    } catch {
      return undefined; // gone, or no /proc here
    }
  },
  unref: (timer) => (timer as { unref?: () => void }).unref?.(),
};
