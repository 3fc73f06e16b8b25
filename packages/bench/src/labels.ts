// How a cell is named in the table, the progress line and the verdicts.

import { labels } from "./runtimes.ts";
import type { BenchCell, BenchKind } from "./schema.ts";

const plural: Record<BenchKind, string> = { thread: "threads", process: "processes" };

/** "Node threads", "Python processes", "Bun main thread". */
export function runtimeKind(cell: Pick<BenchCell, "runtime" | "kind">): string {
  return `${labels[cell.runtime]} ${cell.kind ? plural[cell.kind] : "main thread"}`;
}

/** "map ×2", "Process per item ×2", "main-thread loop". */
export function setting(cell: Pick<BenchCell, "mode" | "workers">): string {
  if (cell.mode === "main") return "main-thread loop";
  const name = cell.mode === "process" ? "Process per item" : cell.mode;
  return `${name} ×${cell.workers}`;
}

/** "Node threads map ×2", "Node main-thread loop". */
export function cellLabel(cell: Pick<BenchCell, "runtime" | "kind" | "mode" | "workers">): string {
  return cell.mode === "main"
    ? `${labels[cell.runtime]} ${setting(cell)}`
    : `${runtimeKind(cell)} ${setting(cell)}`;
}
