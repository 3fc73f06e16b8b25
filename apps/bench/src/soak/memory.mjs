// Memory readings that mean the same on Node, Deno and Bun: the process's RSS (worker threads
// included), the main isolate's heap, the kernel's own peak RSS (VmHWM, which no sampling can
// miss) and, for kind "process", the RSS of the worker processes.
import { readdirSync, readFileSync } from "node:fs";

export const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";

export const MiB = 1024 * 1024;

/**
 * RSS, and the calling isolate's heap: used (live and not yet collected) and total (committed
 * by the engine), plus the external memory it accounts for; in bytes.
 */
export function usage() {
  const m = runtime === "deno" ? Deno.memoryUsage() : process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

/** Whether collectGarbage() can run (Node and Deno need --expose-gc). */
export const canCollect = runtime === "bun" || typeof globalThis.gc === "function";

/** Full collection of the calling isolate's heap; false when the runtime was not started to allow it. */
export function collectGarbage() {
  if (runtime === "bun") {
    Bun.gc(true);
    return true;
  }
  if (typeof globalThis.gc !== "function") return false;
  globalThis.gc();
  return true;
}

/** The kernel's peak RSS of this process (VmHWM), in bytes; undefined off Linux. */
export function peakRss() {
  return statusField(process.pid, "VmHWM");
}

/** RSS of this process's child processes, summed (the workers of kind "process"); 0 off Linux. */
export function childrenRss() {
  let total = 0;
  for (const pid of childPids(process.pid)) total += statusField(pid, "VmRSS") ?? 0;
  return total;
}

function childPids(parent) {
  const found = [];
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the command name, which may itself hold spaces or ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) found.push(Number(name));
    } catch {
      // ended while we looked
    }
  }
  return found;
}

function statusField(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}
