// The HTML report: one self-contained page (inline CSS and SVG, the rows as embedded JSON).
import { claimOne, claims, type Matrix } from "../claims.ts";
import { hasTimes, type Row } from "../rows.ts";
import type { Experiment } from "../workloads.ts";
import { HOLD_MS, WAIT_MS } from "../workloads.ts";
import { cellText, columnHeading } from "./matrix.ts";
import { barChart, escapeHtml } from "./svg-chart.ts";

const claimText = (id: string) => claims.find((c) => c.id === id)?.text ?? id;

const sections: [experiment: Experiment, title: string, about: string][] = [
  [
    "article",
    "The article's programs",
    "Two tasks: Process start, start, join, join; Pool with apply_async twice and wait twice. Timed inside each program, as the article does.",
  ],
  [
    "creation",
    `2. ${claimText("creation")}`,
    "One task, from creating the Process or the Pool to its result.",
  ],
  [
    "memory",
    `3. ${claimText("memory")}`,
    `N tasks that each hold memory for ${HOLD_MS} ms: N Processes started together, or a Pool of 2 workers.`,
  ],
  [
    "io-bound",
    `4. ${claimText("io")}`,
    `Tasks that wait ${WAIT_MS} ms on I/O and write a file: one Process per task, or a Pool of 2 workers with concurrency 1 or 8 (tasks in flight per worker).`,
  ],
];

const label = (r: Row) =>
  `${r.runtime} ${r.runtimeVersion} · ${r.kind} · ${r.api}${r.variant ? ` (${r.variant})` : ` ×${r.workers}`}`;

const verdictClass = { "✓": "holds", "✗": "does-not-hold", tie: "tie" } as const;

/** The claims matrix as a table: a row per claim, a column per runtime and kind. */
function matrixTable(matrix: Matrix): string {
  const head = matrix.columns
    .map((c) => `<th>${columnHeading(c).map(escapeHtml).join("<br>")}</th>`)
    .join("");
  const body = claims
    .filter((c) => Object.values(matrix.cells[c.id]).some(Boolean))
    .map((c) => {
      const tds = matrix.columns.map((col) => {
        const cell = matrix.cells[c.id][col.key];
        const title = cell
          ? `${c.figure}: ${cell.ratio} (noise ±${Math.round(cell.noise * 100)}%)`
          : "not measured";
        return `<td class="${cell ? verdictClass[cell.verdict] : "none"}" title="${escapeHtml(title)}">${escapeHtml(cellText(cell))}</td>`;
      });
      return `<tr><th scope="row"><b>${escapeHtml(c.short)}</b>: ${escapeHtml(c.text)}<br><small>figure: ${escapeHtml(c.figure)}</small></th>${tds.join("")}</tr>`;
    })
    .join("");
  return `<table class="matrix"><tr><th>claim</th>${head}</tr>${body}</table><p>${escapeHtml(claimOne)}.</p>`;
}

export function renderHtml(rows: Row[], matrix: Matrix): string {
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
  const failed = rows.filter((r) => r.error);
  const failures = failed.length
    ? `<section><h2>Failed cells</h2><ul>${failed.map((r) => `<li>${escapeHtml(label(r))}: ${escapeHtml(r.error)}</li>`).join("")}</ul></section>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>multiproc demo: Process vs Pool</title>
<style>
body { font-family: sans-serif; max-width: 980px; margin: 2em auto; color: #222; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; }
.holds { color: #1b7f3a; } .does-not-hold { color: #b3261e; } .tie { color: #8a6d00; } .matrix td { text-align: right; white-space: nowrap; } .matrix th[scope=row] { text-align: left; font-weight: normal; } figure { margin: 1em 0; } figcaption { font-weight: bold; }
</style></head><body>
<h1>Process vs Pool, on Node, Deno and Bun</h1>
<p>The classic Process-vs-Pool file-write comparison, run with multiproc on each runtime and with Python's own multiprocessing as the reference, measured by @multiproc/bench's engine (each run in a fresh child process, rounds interleaved, medians). Red bars: Process; blue bars: Pool.</p>
<section><h2>The article's claims</h2><p>✓ holds, ✗ does not hold, tie: within the noise of the pair; the figure is the claim's ratio (hover a cell for the noise).</p>${matrixTable(matrix)}</section>
${body}${failures}
<script type="application/json" id="rows">${JSON.stringify({ rows, matrix }).replaceAll("<", "\\u003c")}</script>
</body></html>
`;
}
