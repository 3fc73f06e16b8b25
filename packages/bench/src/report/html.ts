// --html FILE: the report as one self-contained page (inline CSS and SVG, no script, nothing
// fetched): the run's settings and noise, a bar chart of items per second per mode, the table,
// and the verdicts with the ties marked.
import { writeFileSync } from "node:fs";
import type { BenchCell, BenchMode, BenchReport } from "../schema.ts";
import { barChart, escapeHtml, runtimeColours } from "./chart.ts";
import { CELL_HEADER, cellColumns } from "./table.ts";

/** The charts, in this order, one per mode that has cells. */
export const chartTitles: [BenchMode, string][] = [
  ["map", "Pool map: items per second (whiskers: slowest to fastest round)"],
  ["imap", "Pool imap: items per second (whiskers: slowest to fastest round)"],
  ["process", "One Process per item: items per second (whiskers: slowest to fastest round)"],
  ["main", "Plain loop on the main thread, no workers: items per second"],
];

const percent = (x: number) => `±${Math.round(x * 100)}%`;

export function renderHtml(report: BenchReport): string {
  const { settings, machine } = report;
  const title = `multiproc-bench: ${settings.task} × ${settings.items} item(s)`;
  const runtimes = report.runtimes
    .map((r) =>
      r.status === "used"
        ? `<li><span class="swatch" style="background:${runtimeColours[r.id]}"></span>${escapeHtml(`${r.label} ${r.version}`)}</li>`
        : `<li class="missing">${escapeHtml(`${r.label}: skipped: ${r.reason ?? ""}`)}</li>`,
    )
    .join("");
  const charts = chartTitles
    .map(([mode, heading]) => {
      const svg = barChart(
        heading,
        mode,
        report.cells.filter((c) => c.mode === mode),
      );
      return svg && `<figure><figcaption>${escapeHtml(heading)}</figcaption>\n${svg}\n</figure>`;
    })
    .filter(Boolean)
    .join("\n");
  const noise =
    report.noise === null
      ? "<p class=noise>One round per cell: no noise figure, and no pair is called a tie on it.</p>"
      : `<p class=noise>Noise of this run: <strong>${percent(report.noise)}</strong> (the median of the cells' half min–max range). Figures closer than a pair's noise are called a tie.</p>`;
  const verdicts = report.verdicts
    .map(
      (v) => `<li class="${v.tie ? "tie" : "win"}">${v.tie ? "<b>tie</b> " : ""}${escapeHtml(v.text)}</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Module <code>${escapeHtml(settings.module)}</code>${settings.python ? `, Python <code>${escapeHtml(settings.python)}</code>` : ""}; medians of ${settings.repetitions} interleaved round(s), each cell in a fresh child process, after ${settings.warmup} warm-up round(s). ${escapeHtml(`${machine.cpus} CPUs (${machine.cpuModel}), ${machine.platform} ${machine.arch}, ${machine.memoryMiB} MiB`)}; started ${escapeHtml(report.startedAt)}, took ${report.seconds} s.</p>
<ul class="runtimes">${runtimes}</ul>
${noise}
<h2>Charts</h2>
${charts || "<p>No cell has figures.</p>"}
<h2>Verdicts</h2>
<ul class="verdicts">
${verdicts}
</ul>
<h2>Every cell</h2>
${table(report.cells)}
<p class="foot">Written by multiproc-bench (report schema ${escapeHtml(report.schema)}).</p>
</body>
</html>
`;
}

function table(cells: BenchCell[]): string {
  const rows = cells.map((c) => {
    const cols = cellColumns(c);
    return `<tr${c.error ? ' class="failed"' : ""}>${cols.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`;
  });
  return `<table class="cells"><thead><tr>${CELL_HEADER.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

export function writeHtmlReport(file: string, report: BenchReport): void {
  writeFileSync(file, renderHtml(report));
}

const style = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 980px; padding: 0 1em; color: #222; }
code { font-family: ui-monospace, monospace; }
.runtimes { list-style: none; padding: 0; display: flex; gap: 1.5em; flex-wrap: wrap; }
.runtimes .missing { color: #a33; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; border-radius: 2px; }
.noise { background: #f4f4f0; padding: .5em .8em; border-left: 4px solid #999; }
figure { margin: 1.2em 0; }
figcaption { font-weight: 600; margin-bottom: .3em; }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg .label, svg .value, svg .tick { fill: #333; }
svg .tick { fill: #777; font-size: 11px; }
svg .spread { stroke: #222; stroke-width: 1.2; }
svg .axis { stroke: #999; }
.verdicts li.tie { color: #666; }
.verdicts li.tie b { font-weight: 600; font-size: .8em; background: #e6e6e6; padding: 0 .35em; border-radius: 3px; }
table.cells { border-collapse: collapse; font-size: 13px; }
table.cells td, table.cells th { padding: .2em .6em; border-bottom: 1px solid #ddd; text-align: right; }
table.cells td:nth-child(-n+3), table.cells th:nth-child(-n+3) { text-align: left; }
tr.failed { color: #a33; }
.foot { color: #777; font-size: 12px; }
`;
