// Text tables of a soak's samples: one per run (every reading), and a summary of RSS across runs.
import { MiB } from "./memory.ts";
import type { Run, Sample } from "./samples.ts";

const mib = (bytes: number | undefined) => (bytes === undefined ? "" : (bytes / MiB).toFixed(0));
const kilo = (n: number) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);
const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => String(c).padStart(widths[i] ?? 0)).join("  ");

/**
 * Every sample of one run, in MiB: RSS; the main isolate's heap used and committed ("total");
 * each worker's heap used and committed; worker processes' RSS; and with --gc the same after a
 * full collection (what is left is live).
 */
export function runTable(run: Run): string {
  const { meta, samples, peak } = run;
  const head = ["sample", "s", "RSS", "heap", "total", "worker heaps", "w. totals", "children"];
  if (meta.forceGc) head.push("GC: RSS", "heap", "total");
  const widths = head.map((h) => Math.max(h.length, 6));
  widths[5] = 12;
  widths[6] = 9;
  const pair = (xs: number[] | undefined) => (xs ? xs.map(mib).join("+") : "");
  const lines = [
    `${run.title}: ${meta.runtime} ${meta.version}, ${kilo(meta.total)} tasks, ${meta.mode} ${
      meta.mode === "map" ? `of ${meta.wave} items` : `${meta.wave} in flight`
    }${meta.forceGc ? ", full GC at each sample" : ""}${meta.v8 ? `, V8 flags ${meta.v8}` : ""} (MiB)`,
    row(head, widths),
  ];
  for (const s of samples) {
    const cells = [
      s.label === "tasks" ? kilo(s.tasks) : s.label,
      s.s.toFixed(1),
      mib(s.rss),
      mib(s.heapUsed),
      mib(s.heapTotal),
      pair(s.workerHeaps),
      pair(s.workerHeapTotals),
      s.children ? mib(s.children) : "",
    ];
    if (meta.forceGc) cells.push(mib(s.gcRss), mib(s.gcHeapUsed), mib(s.gcHeapTotal));
    lines.push(row(cells, widths));
  }
  lines.push(
    `peak RSS ${mib(peak.sampledRss)} MiB sampled after every wave, ${mib(peak.vmHwm)} MiB by the kernel (VmHWM)`,
  );
  return lines.join("\n");
}

/** The highest RSS seen: the kernel's VmHWM, or for kind "process" the sampled parent + children. */
export function peakOf(run: Run): number {
  return Math.max(
    run.peak.vmHwm ?? 0,
    run.peak.sampledRss,
    ...run.samples.map((s) => s.rss + (s.children ?? 0)),
  );
}

/**
 * RSS in MiB of every run side by side (for kind "process", the parent's plus its worker
 * processes'): start, ready, each checkpoint, idle, end, peak.
 */
export function summaryTable(runs: Run[]): string {
  const checkpoints = [
    ...new Set(runs.flatMap((r) => r.samples.filter((s) => s.label === "tasks").map((s) => s.tasks))),
  ];
  const head = ["start", "ready", ...checkpoints.map(kilo), "idle", "end", "peak"];
  const titleWidth = Math.max(34, ...runs.map((r) => r.title.length));
  const widths = [titleWidth, ...head.map((h) => Math.max(4, h.length))];
  const lines = [
    "RSS MiB (with kind process: parent + worker processes)",
    row(["run".padEnd(titleWidth), ...head], widths),
  ];
  for (const run of runs) {
    const at = (label: Sample["label"], tasks?: number) =>
      run.samples.find((s) => s.label === label && (tasks === undefined || s.tasks === tasks));
    const cells = [
      at("start"),
      at("ready"),
      ...checkpoints.map((n) => at("tasks", n)),
      at("idle"),
      at("end"),
    ].map((s) => mib(s && s.rss + (s.children ?? 0)));
    lines.push(row([run.title.padEnd(titleWidth), ...cells, mib(peakOf(run))], widths));
  }
  return lines.join("\n");
}
