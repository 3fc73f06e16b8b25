#!/usr/bin/env node
// The demo: the article's Process and Pool programs and an experiment per claim, as workloads of
// @multiproc/bench's engine on every runtime, Python's multiprocessing beside them. Progress while
// it runs, then the measurements, the claims matrix (claim × runtime), and --json/--html.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBench } from "@multiproc/bench";
import { startBullmq } from "./bullmq/setup.ts";
import { buildMatrix } from "./claims.ts";
import { bullmqCells, type DemoExternalCell, pythonCells } from "./external.ts";
import { type DemoOptions, parseOptions } from "./options.ts";
import { renderHtml } from "./report/html.ts";
import { renderMatrix } from "./report/matrix.ts";
import { renderTable } from "./report/table.ts";
import { toRow } from "./rows.ts";
import { benchChoice, findRuntimes } from "./runtimes.ts";
import { demoWorkloads } from "./workloads.ts";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let parsed: DemoOptions | { help: string };
try {
  // `pnpm demo -- --json x` passes the "--" on: drop it.
  parsed = parseOptions(process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--")));
} catch (error) {
  console.error(messageOf(error));
  process.exit(2);
}
if ("help" in parsed) {
  console.log(parsed.help);
  process.exit(0);
}
const options = parsed;

const { available, missing } = findRuntimes(options.runtimes);
for (const line of missing) console.log(`! ${line}`);
const js = available.filter((r) => r.id !== "python");
const python = available.find((r) => r.id === "python");
if (available.length === 0) {
  console.error("no runtime to run on");
  process.exit(1);
}

// --engine bullmq: Redis and the agents run for the whole demo, stopped at its end.
const bullmq = options.engines.includes("bullmq")
  ? await startBullmq(options.kinds).catch((error: unknown) => {
      console.error(`--engine bullmq: could not start redis-server and the agents: ${messageOf(error)}`);
      process.exit(1);
    })
  : undefined;

const dir = mkdtempSync(join(tmpdir(), "multiproc-demo-"));
const cwd = dirname(dirname(fileURLToPath(import.meta.url))); // apps/demo: package.json for Deno and Bun
const repetitions = { short: options.repetitions, long: options.experimentRepetitions };
const workloads = demoWorkloads({
  experiments: options.experiments,
  kinds: options.kinds,
  sizes: options.sizes,
  dir,
  repetitions,
});
const external: DemoExternalCell[] = [
  ...(python ? pythonCells(python, workloads, dir) : []),
  ...(bullmq && options.experiments.includes("article")
    ? bullmqCells(js, options.kinds, bullmq, dir, repetitions.short)
    : []),
];
const rounds = Math.max(repetitions.short, repetitions.long);
const runs =
  workloads.reduce((sum, w) => sum + js.length * w.settings.length * (w.repetitions ?? 1), 0) +
  external.reduce((sum, e) => sum + (e.repetitions ?? 1), 0);
console.log(
  `multiproc demo on @multiproc/bench's engine: ${runs} runs in ${rounds} interleaved round${rounds === 1 ? "" : "s"}, each in a fresh child process, on ${available.map((r) => `${r.label} ${r.version}`).join(", ")}`,
);

const started = performance.now();
const width = (n: number) => String(n).length;
const run = await runBench({
  runtimes: js.map(benchChoice),
  workloads,
  external,
  repetitions: rounds,
  cwd,
  onProgress: (done, total, text) => {
    const left = Math.round((((performance.now() - started) / done) * (total - done)) / 1000);
    console.log(`[${String(done).padStart(width(total))}/${total}] ${text} (${left} s left)`);
  },
}).catch((error: unknown) => {
  console.error(`the demo could not run: ${messageOf(error)}`);
  process.exit(1);
});
rmSync(dir, { recursive: true, force: true });
await bullmq?.stop();

const rows = run.cells.map(toRow);
const matrix = buildMatrix(rows);

console.log(`\n${renderTable(rows)}`);
console.log("\nThe article's claims, per runtime and kind (medians; peak RSS of the whole process tree):\n");
console.log(renderMatrix(matrix));
console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (options.json) writeFileSync(options.json, `${JSON.stringify({ rows, matrix }, null, 2)}\n`);
if (options.html) writeFileSync(options.html, renderHtml(rows, matrix));
const failed = rows.filter((r) => r.error);
if (failed.length) {
  console.log(`${failed.length} cell(s) failed; see FAILED lines above`);
  process.exit(1);
}
