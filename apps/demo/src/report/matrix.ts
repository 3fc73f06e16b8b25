// The claims matrix in the terminal: a row per claim, a column per runtime and kind, each cell the
// verdict and its figure; then what each row's figure is.
import { type Claim, claimOne, claims, type Matrix, type MatrixCell } from "../claims.ts";

const kindShort: Record<string, string> = { thread: "threads", process: "processes" };

/** "✓ 1.15×", "✗ 0.62×", "tie 1.04×", "–" where the cell was not measured. */
export function cellText(cell: MatrixCell | null | undefined): string {
  if (!cell) return "–";
  const r = cell.ratio;
  return `${cell.verdict} ${r >= 10 ? r.toFixed(0) : r >= 2 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** A column's heading, in two lines: the runtime and version, then the kind. */
export function columnHeading(c: Matrix["columns"][number]): [string, string] {
  return [`${c.runtime} ${c.runtimeVersion.split(".").slice(0, 2).join(".")}`, kindShort[c.kind] ?? c.kind];
}

export function renderMatrix(matrix: Matrix): string {
  const rowsShown = claims.filter((c) => Object.values(matrix.cells[c.id]).some(Boolean));
  const heads = matrix.columns.map(columnHeading);
  const body = rowsShown.map((c: Claim) => [
    c.short,
    ...matrix.columns.map((col) => cellText(matrix.cells[c.id][col.key])),
  ]);
  const table = [["claim", ...heads.map((h) => h[0])], ["", ...heads.map((h) => h[1])], ...body];
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((r) => (r[i] ?? "").length)));
  const line = (cols: string[]) =>
    cols
      .map((col, i) => (i === 0 ? col.padEnd(widths[i] ?? 0) : col.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const legend = rowsShown.map((c) => `  ${c.short}: ${c.text}.\n    figure: ${c.figure}.`);
  return [
    line(table[0] ?? []),
    line(table[1] ?? []),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "",
    "✓ the claim holds, ✗ it does not, tie: the figure is within the noise of the pair (the larger spread of",
    "the two cells, at least 3%; 10% where a cell ran once or the figure is peak RSS); – not measured.",
    `  ${claimOne}.`,
    ...legend,
  ].join("\n");
}
