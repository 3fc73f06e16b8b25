// The release table: package, old → new version, tarball, size.
import { basename } from "node:path";

/** @param {{ name: string, from: string, to: string, tarball: string, size: number }[]} rows */
export function formatTable(rows) {
  const lines = [
    ["package", "version", "tarball", "size"],
    ...rows.map((row) => [
      row.name,
      row.from === row.to ? `${row.to} (unchanged)` : `${row.from} → ${row.to}`,
      basename(row.tarball),
      `${(row.size / 1024).toFixed(1)} kB`,
    ]),
  ];
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const format = (line) =>
    line.map((cell, column) => (column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])));
  const [head, ...body] = lines.map((line) => format(line).join("  ").trimEnd());
  return [head, widths.map((w) => "-".repeat(w)).join("  "), ...body].join("\n");
}
