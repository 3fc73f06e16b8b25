#!/usr/bin/env node
// The demo: the article's Process and Pool programs and an experiment per claim, on every
// runtime, side by side. Progress while it runs, then a table, the verdicts, and --json/--html.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startBullmq } from "./bullmq/setup.ts";
import { judgeClaims } from "./claims.ts";
import { buildCells } from "./matrix.ts";
import { runProgram } from "./measure.ts";
import { type DemoOptions, parseOptions } from "./options.ts";
import { renderHtml } from "./report/html.ts";
import { renderTable } from "./report/table.ts";
import { type MeasuredCell, toRow } from "./rows.ts";
import { findRuntimes } from "./runtimes.ts";

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
const cells: MeasuredCell[] = buildCells({
  runtimes: available,
  kinds: options.kinds,
  experiments: options.experiments,
  dir,
  sizes: options.sizes,
  bullmq,
}).map((cell) => ({
  ...cell,
  // The long experiments run fewer times than the article's short programs.
  repetitions: ["memory", "io-bound"].includes(cell.experiment)
    ? options.experimentRepetitions
    : options.repetitions,
  times: [],
  rss: [],
}));
const total = cells.reduce((sum, cell) => sum + cell.repetitions, 0);
const rounds = Math.max(...cells.map((cell) => cell.repetitions));
console.log(
  `multiproc demo: ${total} runs in ${rounds} interleaved rounds on ${available.map((r) => `${r.label} ${r.version}`).join(", ")}`,
);

const started = performance.now();
let done = 0;
for (let rep = 1; rep <= rounds; rep++) {
  for (const cell of cells) {
    if (rep > cell.repetitions) continue;
    const label = `${cell.runtime} ${cell.runtimeVersion} ${cell.kind} ${cell.api}${cell.variant ? ` (${cell.variant})` : ""} ${cell.experiment}`;
    try {
      const result = await runProgram(cell.command, cell.args, { cwd, sampleRss: cell.sampleRss });
      cell.times.push(result.ms);
      if (result.peakRssMiB !== null) cell.rss.push(result.peakRssMiB);
      done++;
      const rss = result.peakRssMiB !== null ? `, peak ${result.peakRssMiB.toFixed(0)} MiB` : "";
      const left = Math.round((((performance.now() - started) / done) * (total - done)) / 1000);
      console.log(
        `[${String(done).padStart(3)}/${total}] ${label}: ${result.ms.toFixed(1)} ms${rss} (${left} s left)`,
      );
    } catch (error) {
      done++;
      cell.error = messageOf(error);
      console.log(`[${String(done).padStart(3)}/${total}] ${label}: FAILED ${cell.error}`);
    }
  }
}
rmSync(dir, { recursive: true, force: true });
await bullmq?.stop();

const rows = cells.map(toRow);
const verdicts = judgeClaims(rows);

console.log(`\n${renderTable(rows)}`);
console.log("\nThe article's claims, per runtime (median times; peak RSS of the whole process tree):");
for (const v of verdicts) console.log(`- ${v.claim} — ${v.runtime} ${v.kind}: ${v.holds} (${v.evidence})`);
console.log(`\nfinished in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (options.json) writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
if (options.html) writeFileSync(options.html, renderHtml(rows, verdicts));
const failed = rows.filter((r) => r.error);
if (failed.length) {
  console.log(`${failed.length} cell(s) failed; see FAILED lines above`);
  process.exit(1);
}
