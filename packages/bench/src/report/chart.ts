// One inline SVG bar chart for the HTML report: a bar per cell of one mode, its length the items
// per second at the median round, a whisker from the slowest round's rate to the fastest's (the
// cell's spread), coloured by runtime. Every bar carries a <title>, the browser's tooltip.
import { cellLabel } from "../labels.ts";
import type { BenchCell, BenchRuntimeId } from "../schema.ts";

export const runtimeColours: Record<BenchRuntimeId, string> = {
  node: "#3f8f3a",
  deno: "#4a4fc4",
  bun: "#c2577e",
  python: "#d4a017",
};

const ROW = 26;
const LABEL = 300;
const PLOT = 480;
const VALUE = 150;
const TOP = 8;

/** Escapes text for HTML and SVG (element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** Items per second as the terminal table shows them: three figures, or whole above 1000. */
export const rateText = (x: number) => (x >= 1000 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3));

type Timed = BenchCell & { ms: NonNullable<BenchCell["ms"]>; itemsPerSecond: number };

/** The chart of `cells` (one mode), or "" when none has figures. */
export function barChart(title: string, mode: string, cells: BenchCell[]): string {
  const bars = cells.filter((c): c is Timed => c.ms !== null && c.itemsPerSecond !== null && !c.error);
  if (bars.length === 0) return "";
  const rate = (ms: number, c: Timed) => (c.items * 1000) / ms;
  const top = Math.max(...bars.map((c) => rate(c.ms.min, c)));
  const x = (value: number) => LABEL + (PLOT * value) / top;
  const height = TOP * 2 + ROW * bars.length + 18;
  const width = LABEL + PLOT + VALUE;
  const rows = bars.map((c, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const low = rate(c.ms.max, c);
    const high = rate(c.ms.min, c);
    const spread = c.spread === null ? "" : `, ±${Math.round(c.spread * 100)}%`;
    const tip = `${cellLabel(c)}: ${rateText(c.itemsPerSecond)} items/s (median ${c.ms.median} ms; rounds ${c.ms.min}–${c.ms.max} ms${spread})`;
    return [
      `<g class="cell" data-id="${escapeHtml(c.id)}">`,
      `<title>${escapeHtml(tip)}</title>`,
      `<text class="label" x="${LABEL - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(cellLabel(c))}</text>`,
      `<rect class="bar" x="${LABEL}" y="${y + 4}" width="${(x(c.itemsPerSecond) - LABEL).toFixed(1)}" height="${ROW - 8}" fill="${runtimeColours[c.runtime]}"${c.kind === "process" ? ' fill-opacity="0.65"' : ""}/>`,
      `<line class="spread" x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${mid}" y2="${mid}"/>`,
      `<line class="spread" x1="${x(low).toFixed(1)}" x2="${x(low).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}"/>`,
      `<line class="spread" x1="${x(high).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}"/>`,
      `<text class="value" x="${(x(high) + 6).toFixed(1)}" y="${mid + 4}">${rateText(c.itemsPerSecond)}/s${escapeHtml(spread)}</text>`,
      "</g>",
    ].join("");
  });
  const axisY = TOP + ROW * bars.length + 2;
  return [
    `<svg class="chart" data-mode="${escapeHtml(mode)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<title>${escapeHtml(title)}</title>`,
    `<line class="axis" x1="${LABEL}" x2="${LABEL}" y1="${TOP}" y2="${axisY}"/>`,
    ...rows,
    `<text class="tick" x="${LABEL}" y="${axisY + 14}">0</text>`,
    `<text class="tick" x="${LABEL + PLOT}" y="${axisY + 14}" text-anchor="end">${rateText(top)} items/s</text>`,
    "</svg>",
  ].join("\n");
}
