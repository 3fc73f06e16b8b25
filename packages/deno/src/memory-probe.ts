// How the Deno adapter reads a worker process's resident memory for maxMemory (Linux's
// /proc/PID/status, which needs read permission; without it, the child's heap flag is the only bound).
import { type MemoryProbe, residentFromProcStatus } from "@multiproc/core/adapter";

export const denoMemoryProbe: MemoryProbe = {
  residentMiB(pid) {
    try {
      return residentFromProcStatus(Deno.readTextFileSync(`/proc/${pid}/status`));
    } catch {
      return undefined; // gone, no /proc here, or no read permission
    }
  },
  unref: (timer) => Deno.unrefTimer(timer as unknown as number),
};
