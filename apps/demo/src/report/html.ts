// The HTML report: one self-contained page (inline CSS and SVG, the rows as embedded JSON).
import { claims, type Verdict } from "../claims.ts";
import type { Experiment } from "../matrix.ts";
import { hasTimes, type Row } from "../rows.ts";
import { barChart, escapeHtml } from "./svg-chart.ts";

const sections: [experiment: Experiment, title: string, about: string][] = [
  [
    "article",
    "The article's programs",
    "Two tasks: Process start, start, join, join; Pool with apply_async twice and wait twice. Timed inside each program, as the article does.",
  ],
  ["creation", claims.creation, "One task, from creating the Process or the Pool to its result."],
  [
    "memory",
    claims.memory,
    "N tasks that each hold memory for 150 ms: N Processes started together, or a Pool of 2 workers.",
  ],
  [
    "io-bound",
    claims.io,
    "Tasks that wait 20 ms on I/O and write a file: one Process per task, or a Pool of 2 workers with concurrency 1 or 8 (tasks in flight per worker).",
  ],
];

const label = (r: Row) =>
  `${r.runtime} ${r.runtimeVersion} · ${r.kind} · ${r.api}${r.variant ? ` (${r.variant})` : ""}`;

/** The verdict's CSS class: "holds", "does-not-hold", "no-clear-difference", … */
const verdictClass = (holds: string) => (holds.split(" (")[0] ?? holds).replaceAll(" ", "-");

export function renderHtml(rows: Row[], verdicts: Verdict[]): string {
  const body = sections
    .map(([experiment, title, about]) => {
      const mine = rows.filter(hasTimes).filter((r) => r.experiment === experiment);
      if (mine.length === 0) return "";
      const timeBars = mine.map((r) => ({
        label: label(r),
        api: r.api,
        value: r.ms.median,
        min: r.ms.min,
        max: r.ms.max,
      }));
      const charts = [barChart(`${title}: median time (min–max)`, "ms", timeBars)];
      const rss = mine.filter((r): r is typeof r & { peakRssMiB: number } => Boolean(r.peakRssMiB));
      if (rss.length)
        charts.push(
          barChart(
            `${title}: peak RSS`,
            "MiB",
            rss.map((r) => ({ label: label(r), api: r.api, value: r.peakRssMiB })),
          ),
        );
      return `<section><h2>${escapeHtml(title)}</h2><p>${escapeHtml(about)}</p>${charts.join("")}</section>`;
    })
    .join("");
  const verdictRows = verdicts
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.claim)}</td><td>${escapeHtml(`${v.runtime} ${v.kind}`)}</td><td class="${verdictClass(v.holds)}">${escapeHtml(v.holds)}</td><td>${escapeHtml(v.evidence)}</td></tr>`,
    )
    .join("");
  const failed = rows.filter((r) => r.error);
  const failures = failed.length
    ? `<section><h2>Failed cells</h2><ul>${failed.map((r) => `<li>${escapeHtml(label(r))}: ${escapeHtml(r.error)}</li>`).join("")}</ul></section>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>multiproc demo: Process vs Pool</title>
<style>
body { font-family: sans-serif; max-width: 980px; margin: 2em auto; color: #222; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; }
.holds { color: #1b7f3a; } .does-not-hold { color: #b3261e; } .no-clear-difference { color: #8a6d00; } figure { margin: 1em 0; } figcaption { font-weight: bold; }
</style></head><body>
<h1>Process vs Pool, on Node, Deno and Bun</h1>
<p>The classic Process-vs-Pool file-write comparison, run with multiproc on each runtime and with Python's own multiprocessing as the reference. Red bars: Process; blue bars: Pool.</p>
<section><h2>The article's claims</h2><table><tr><th>claim</th><th>where</th><th>verdict</th><th>measured</th></tr>${verdictRows}</table></section>
${body}${failures}
<script type="application/json" id="rows">${JSON.stringify(rows).replaceAll("<", "\\u003c")}</script>
</body></html>
`;
}
