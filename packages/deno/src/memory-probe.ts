// How the Deno adapter reads a worker process's resident memory for maxMemory (Linux's
// /proc/PID/status, which needs read permission; without it, the child's heap flag is the only bound).
import { procMemoryProbe } from "@multiproc/core/adapter";

export const denoMemoryProbe = procMemoryProbe(
  (path) => Deno.readTextFileSync(path),
  (timer) => Deno.unrefTimer(timer as unknown as number),
);
