// A horizontal bar chart as inline SVG: one bar per row (median), a whisker from min to max.
// No script and no network: the page renders as it is.
const BAR = 18;
const GAP = 6;
const LABEL = 300;
const WIDTH = 760;
const colors: Record<string, string> = { Process: "#d1495b", Pool: "#2e86ab" };
const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => entities[c] ?? c);

export interface Bar {
  label: string;
  api: string;
  value: number;
  min?: number;
  max?: number;
}

export function barChart(title: string, unit: string, bars: Bar[]): string {
  const max = Math.max(...bars.map((b) => b.max ?? b.value), 1e-9);
  const plot = WIDTH - LABEL - 70;
  const x = (v: number) => LABEL + (v / max) * plot;
  const height = bars.length * (BAR + GAP) + 30;
  const parts = bars.map((b, i) => {
    const y = 24 + i * (BAR + GAP);
    const whisker =
      b.min !== undefined && b.max !== undefined
        ? `<line class="whisker" x1="${x(b.min)}" x2="${x(b.max)}" y1="${y + BAR / 2}" y2="${y + BAR / 2}" stroke="#333"/>`
        : "";
    return [
      `<text x="${LABEL - 8}" y="${y + BAR - 5}" text-anchor="end">${escapeHtml(b.label)}</text>`,
      `<rect class="bar" data-value="${b.value}" x="${LABEL}" y="${y}" width="${Math.max(1, x(b.value) - LABEL)}" height="${BAR}" fill="${colors[b.api] ?? "#777"}"><title>${escapeHtml(`${b.label}: ${b.value} ${unit}`)}</title></rect>`,
      whisker,
      `<text x="${x(b.max ?? b.value) + 6}" y="${y + BAR - 5}">${b.value} ${unit}</text>`,
    ].join("");
  });
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">${parts.join("")}</svg></figure>`;
}
