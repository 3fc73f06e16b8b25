// The terminal table of the measurements: one line per cell, grouped by experiment.
import type { Row } from "../rows.ts";
import type { Experiment } from "../workloads.ts";

const titles: Record<Experiment, string> = {
  article: "The article's programs (2 tasks: Process start/start/join/join, Pool() with one call per task)",
  creation: "Claim 2: one task, from nothing to its result",
  memory: "Claim 3: memory-holding tasks, peak RSS of the process tree",
  "io-bound": "Claim 4: I/O-bound tasks",
};

export function renderTable(rows: Row[]): string {
  const lines: string[] = [];
  for (const [experiment, title] of Object.entries(titles)) {
    const mine = rows.filter((r) => r.experiment === experiment);
    if (mine.length === 0) continue;
    lines.push(title);
    lines.push(
      `  ${"runtime".padEnd(14)} ${"kind".padEnd(8)} ${"api".padEnd(30)} ${"min".padStart(9)} ${"median".padStart(9)} ${"max".padStart(9)}${experiment === "memory" ? "  peak RSS" : ""}`,
    );
    for (const r of mine) {
      const api = `${r.api}${r.variant ? ` (${r.variant})` : ` ×${r.workers}`}`;
      const ms = r.ms
        ? [r.ms.min, r.ms.median, r.ms.max].map((x) => `${x.toFixed(1)} ms`.padStart(9)).join(" ")
        : `FAILED: ${r.error}`;
      const rss = experiment === "memory" && r.peakRssMiB ? `  ${String(r.peakRssMiB).padStart(5)} MiB` : "";
      lines.push(
        `  ${`${r.runtime} ${r.runtimeVersion}`.padEnd(14)} ${r.kind.padEnd(8)} ${api.padEnd(30)} ${ms}${rss}`,
      );
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
