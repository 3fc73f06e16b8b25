// How the Bun adapter reads a worker process's resident memory for maxMemory: Linux's
// /proc/PID/status. Bun has no heap flag, so elsewhere maxMemory bounds nothing (the README says so).
import { readFileSync } from "node:fs";
import { procMemoryProbe } from "@multiproc/core/adapter";

export const bunMemoryProbe = procMemoryProbe(
  (path) => readFileSync(path, "utf8"),
  (timer) => (timer as { unref?: () => void }).unref?.(),
);
