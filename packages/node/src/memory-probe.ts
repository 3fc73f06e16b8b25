// How the Node adapter reads a worker process's resident memory for maxMemory (Linux's
// /proc/PID/status; elsewhere nothing, and the child's heap flag is the only bound).
import { readFileSync } from "node:fs";
import { procMemoryProbe } from "@multiproc/core/adapter";

export const nodeMemoryProbe = procMemoryProbe(
  (path) => readFileSync(path, "utf8"),
  (timer) => (timer as { unref?: () => void }).unref?.(),
);
