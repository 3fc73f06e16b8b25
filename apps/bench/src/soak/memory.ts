// Memory readings that mean the same on Node, Deno and Bun: the process's RSS (worker threads
// included), the main isolate's heap, the kernel's own peak RSS (VmHWM, which no sampling can
// miss) and, for kind "process", the RSS of the worker processes.
import { readdirSync, readFileSync } from "node:fs";
import { bun, deno } from "../runtime.ts";

export const MiB = 1024 * 1024;

/** The calling isolate's memory, in bytes. */
export interface Usage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

// Node and Deno define gc() only when started with --expose-gc.
const exposed = globalThis as { gc?: () => void };

/**
 * RSS, and the calling isolate's heap: used (live and not yet collected) and total (committed
 * by the engine), plus the external memory it accounts for; in bytes.
 */
export function usage(): Usage {
  const m = deno ? deno.memoryUsage() : process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

/** Whether collectGarbage() can run (Node and Deno need --expose-gc). */
export const canCollect: boolean = bun !== undefined || typeof exposed.gc === "function";

/** Full collection of the calling isolate's heap; false when the runtime was not started to allow it. */
export function collectGarbage(): boolean {
  if (bun) {
    bun.gc(true);
    return true;
  }
  if (typeof exposed.gc !== "function") return false;
  exposed.gc();
  return true;
}

/** The kernel's peak RSS of this process (VmHWM), in bytes; undefined off Linux. */
export function peakRss(): number | undefined {
  return statusField(process.pid, "VmHWM");
}

/** RSS of this process's child processes, summed (the workers of kind "process"); 0 off Linux. */
export function childrenRss(): number {
  let total = 0;
  for (const pid of childPids(process.pid)) total += statusField(pid, "VmRSS") ?? 0;
  return total;
}

function childPids(parent: number): number[] {
  const found: number[] = [];
  let entries: string[];
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

function statusField(pid: number, field: string): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}
