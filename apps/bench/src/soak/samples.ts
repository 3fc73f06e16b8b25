// The `SOAK {json}` lines a soak prints and run.ts reads back: the shapes both sides agree on.
import type { Usage } from "./memory.ts";

/** What the run was: printed first. */
export interface Meta {
  label: "meta";
  runtime: string;
  version: string | undefined;
  mode: string;
  total: number;
  wave: number;
  every: number;
  forceGc: boolean;
  canCollect: boolean;
  /** The V8 flags run.ts passed (added by run.ts; "" on Bun). */
  v8?: string;
}

/** One reading, in bytes; `s` is seconds since the soak started. */
export interface Sample extends Usage {
  label: "start" | "ready" | "tasks" | "idle" | "end";
  tasks: number;
  s: number;
  /** RSS of the worker processes (kind "process"). */
  children: number;
  spaces: Record<string, number> | undefined;
  workerHeaps?: number[];
  workerHeapTotals?: number[];
  workerExternals?: number[];
  // With --gc: the same after a full collection.
  gcRss?: number;
  gcHeapUsed?: number;
  gcHeapTotal?: number;
  gcSpaces?: Record<string, number> | undefined;
}

/** The highest RSS: sampled after every wave, and the kernel's VmHWM. Printed last. */
export interface Peak {
  label: "peak";
  sampledRss: number;
  vmHwm: number | undefined;
}

/** One soak as run.ts collected it. */
export interface Run {
  title: string;
  meta: Meta;
  samples: Sample[];
  peak: Peak;
}
