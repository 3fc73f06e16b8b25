// The bench's own rows: per runtime and kind, the raw floor and multiproc; on Node threads also
// tinypool, piscina and multiproc on its tinypool engine; and Python's multiprocessing.
import { type BenchRow, jsRuntimes } from "./row.ts";
import type { RowSource } from "./row-source.ts";

const contender = (name: string) => new URL(`../contenders/${name}.js`, import.meta.url);

export const coreRows: RowSource = {
  name: "core",
  rows({ runtimes, kinds }) {
    const rows: BenchRow[] = [];
    for (const runtime of jsRuntimes.filter((r) => runtimes.includes(r))) {
      for (const kind of kinds.filter((k) => k === "thread" || k === "process")) {
        const row = (name: string, label: string, role: BenchRow["role"], module: string): BenchRow => ({
          id: `${runtime}/${kind}/${name}`,
          label,
          runtime,
          kind,
          role,
          module: contender(module),
        });
        rows.push(
          kind === "thread"
            ? row("raw", "raw postMessage", "floor", "raw-thread")
            : row("raw", runtime === "deno" ? "raw pipes (JSON lines)" : "raw IPC", "floor", "raw-process"),
          row("multiproc", "multiproc", "multiproc", "multiproc"),
        );
        if (runtime === "node" && kind === "thread") {
          rows.push(
            row("multiproc-tinypool", "multiproc engine=tinypool", "other", "multiproc-tinypool"),
            row("tinypool", "tinypool", "other", "tinypool"),
            row("piscina", "piscina", "other", "piscina"),
          );
        }
      }
    }
    if (runtimes.includes("python")) {
      rows.push({
        id: "python/process/multiprocessing",
        label: "multiprocessing.Pool",
        runtime: "python",
        kind: "process",
        role: "reference",
        runsPerRound: 2,
      });
    }
    return rows;
  },
};
