// docs/benchmarks.md, written from the results JSON: the machine, the versions, the method, the
// table, the targets of #13 with pass/miss per runtime, and "What limits it".
import type { BenchResults } from "../results.ts";
import { typicalSpread } from "../summarize.ts";
import { cell, columns, ratio, rowCells } from "./cells.ts";
import { limitsSection } from "./limits.ts";

const mdRow = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;

function resultsTable(results: BenchResults): string {
  const head = ["runtime", "kind", "contender", ...columns.map((c) => c.title)];
  // Rows of a source's own section are shown there.
  const rows = results.rows
    .filter((row) => row.section === undefined)
    .map((row) =>
      mdRow(
        row.rounds.flat().length
          ? [...rowCells(row), ...columns.map((c) => cell(row, c))]
          : [...rowCells(row), `failed: ${row.errors[0] ?? "no run"}`, ...columns.slice(1).map(() => "")],
      ),
    );
  return [mdRow(head), mdRow(head.map((_, i) => (i < 3 ? "---" : "---:"))), ...rows].join("\n");
}

/** One line per target, one column per runtime: the ratio measured, its bound, pass or miss. */
function targetsTable(results: BenchResults): string {
  const runtimes = ["node", "deno", "bun"] as const;
  const targets = [...new Set(results.targets.map((t) => t.target))];
  const rows = targets.map((target) =>
    mdRow([
      target,
      ...runtimes.map((runtime) => {
        const t = results.targets.find((c) => c.target === target && c.runtime === runtime);
        if (!t) return "";
        if (t.measured === null) return `not measured (${t.bound})`;
        const verdict = t.pass ? "pass" : "**miss**";
        return t.bound === "reported"
          ? `${verdict}: ${ratio(t.measured)}`
          : `${ratio(t.measured)} (${t.bound}) ${verdict}`;
      }),
    ]),
  );
  return [mdRow(["target", "Node", "Deno", "Bun"]), "|---|---|---|---|", ...rows].join("\n");
}

/** How far a row's rounds spread, the median over rows, per kind of figure. */
export function noiseLine(results: BenchResults): string {
  const spread = (metric: Parameters<typeof typicalSpread>[1]) => {
    // Over the main table's rows: a source's own section says its own noise.
    const x = typicalSpread(
      results.rows.filter((row) => row.section === undefined),
      metric,
    );
    return x === undefined ? "–" : `${Math.round(x * 100)}%`;
  };
  return `how far a row's rounds spread ((max − min) ÷ median, the median over rows): burst ${spread("burstPerSec")}, round trip ${spread("tripMedianUs")}, map ${spread("mapObjectsPerSec")}, Process start ${spread("processStartMs")}.`;
}

export function benchmarksPage(results: BenchResults, notes: Map<string, string>): string {
  const { machine: m, settings: s } = results;
  const versions = Object.entries(results.versions)
    .map(([name, v]) => `${name} ${v ?? "(not found)"}`)
    .join(", ");
  const noise = s.rounds > 1 ? `\n- **Noise**: ${noiseLine(results)}` : "";
  const errors = results.rows.flatMap((r) => r.errors.map((e) => `- ${r.id}: ${e}`));
  return `# Benchmarks

<!-- Written by \`pnpm bench\` from ${"`"}apps/bench/results/latest.json${"`"}; regenerate, don't edit, except the notes under "What limits it", which are kept. -->

Measured ${results.date.slice(0, 16).replace("T", " ")} UTC by \`pnpm bench\`${results.quick ? " **--quick** (figures not meaningful)" : ""}, in ${Math.round(results.durationSec)} s.

- **Machine**: ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, ${m.os}. Load average (1 min) ${m.loadStart.toFixed(2)} at the start, ${m.loadEnd.toFixed(2)} at the end${m.loadStart > m.cores / 2 || m.loadEnd > m.cores / 2 ? ": the machine was busy with other work, so single figures are noisy; compare the ratios, which are measured in the same run" : ""}.
- **Runtimes**: ${versions}.
- **Settings**: ${s.workers} workers per pool; a burst of ${s.tasks} tasks; ${s.trips} single round trips; \`map\` of ${s.mapItems} numbers and of ${s.mapItems} \`{ a, b }\` objects; each map and the Process program run ${s.repeats} times per row and round (their median counts); ${s.rounds} interleaved round${s.rounds === 1 ? "" : "s"}.${noise}

## Method

Every row is a fresh child process of its runtime (\`apps/bench/dist/measure.js\`, or \`src/python/bench.py\`) started once per round; rounds interleave the rows, starting each round one row further on, and each figure is the median over the rounds. The task is \`({ a, b }) => a + b\` on a small object (\`x + 1\` for \`map\` of numbers), so what is measured is the machinery, not the work.

- **burst**: all the tasks submitted at once, tasks per second until the last answer.
- **round trip**: one call at a time, on three pools in each round: the burst's, then two fresh ones, each warmed up as the first was (a tenth of the burst at once, then 200 calls one at a time) (how fast a lone call comes back depends on where the OS placed the pool's threads, about 20 or about 50 µs on this VM, settled per pool); the median of the pools' medians, and the 99th percentile of all the calls (of one pool before December 2026).
- **map**: \`pool.map\` with its automatic chunks on a warm pool, items per second, against Python's \`Pool.map\` on the same items; on every row (Python's too) three maps of the same items run first, not counted, so the JIT has seen the calls the timed maps make (before December 2026: one map of 100 items, and the first full maps ran at a half to a third of the rate of the later ones). Python runs twice per round and the better run counts.
- **Process start**: the article's Process program (two tasks writing a file, a Process each, start then join), in ms; for the floors, the same two tasks on bare workers (a bare worker thread, or a bare child process of the runtime). Every row pauses 50 ms between its runs, not timed: a run ends when its program would go on, which can be before the runtime has torn the workers down, and a run started straight after would share the cores with that teardown. Python's Process uses its default start method on Linux (fork in Python 3.11), which is why its figure is far below any runtime's start-up.
- **Floors**: two bare workers answering \`{ id, a, b }\` by \`postMessage\` (kind thread); for kind process, the runtime's raw IPC (Node: \`fork\`, Bun: \`Bun.spawn\` with \`ipc\`, both with advanced serialization; Deno, which has no IPC channel of its own: JSON lines over the child's stdin and stdout). Ratios in brackets are to the floor of the same runtime and kind (above 1 is faster for rates, below 1 for times), and for \`map\` to Python (above 1 is faster than Python).

## Results

${resultsTable(results)}

## Targets (issue #13)

${targetsTable(results)}
${(results.sections ?? []).map((section) => `\n## ${section.title}\n\n${section.markdown.trim()}\n`).join("")}${errors.length ? `\n## Errors\n\n${errors.join("\n")}\n` : ""}
${limitsSection(results.targets, notes)}`;
}
