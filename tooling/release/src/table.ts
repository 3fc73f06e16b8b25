// The release table: package, old → new version, tarball, size.
import { basename } from "node:path";

/** One package of the release. */
export interface TableRow {
  name: string;
  from: string;
  to: string;
  tarball: string;
  size: number;
}

/** The rows as aligned text, with a header line and a rule. */
export function formatTable(rows: TableRow[]): string {
  const lines = [
    ["package", "version", "tarball", "size"],
    ...rows.map((row) => [
      row.name,
      row.from === row.to ? `${row.to} (unchanged)` : `${row.from} → ${row.to}`,
      basename(row.tarball),
      `${(row.size / 1024).toFixed(1)} kB`,
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...lines.map((line) => line[column]?.length ?? 0)));
  const format = (line: string[]) =>
    line.map((cell, column) =>
      column === 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
    );
  const [head, ...body] = lines.map((line) => format(line).join("  ").trimEnd());
  return [head, widths.map((w) => "-".repeat(w)).join("  "), ...body].join("\n");
}
