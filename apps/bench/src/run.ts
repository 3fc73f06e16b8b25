// pnpm bench: every row (runtime × kind × contender, and Python) in interleaved rounds, each run a
// fresh child process; prints the table and the targets, writes the JSON and docs/benchmarks.md.
// `--help` for the options; README.md for what is measured and how to add rows.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { runRow, runtimeVersion } from "./launch.ts";
import { describeMachine, loadNow } from "./machine.ts";
import type { Measured } from "./measured.ts";
import { help, readOptions } from "./options.ts";
import { readNotes } from "./report/limits.ts";
import { benchmarksPage, noiseLine } from "./report/markdown.ts";
import { sectionText, targetLines, textTable } from "./report/table.ts";
import { checkTargets } from "./report/targets.ts";
import type { BenchResults } from "./results.ts";
import type { BenchRow } from "./rows/row.ts";
import { planRows, rowSources } from "./rows/sources.ts";
import { programArgs } from "./runtime.ts";
import { summarize } from "./summarize.ts";

const opts = (() => {
  try {
    return readOptions(programArgs());
  } catch (error) {
    // A wrong option is the user's to fix: the reason and the options, no stack.
    console.error(`pnpm bench: ${error instanceof Error ? error.message : error}\n\n${help}`);
    process.exit(2);
  }
})();
if (opts.help) {
  console.log(help);
  process.exit(0);
}

function writePage(results: BenchResults, file: string) {
  const notes = readNotes(existsSync(file) ? readFileSync(file, "utf8") : "");
  writeFileSync(file, benchmarksPage(results, notes));
  console.error(`wrote ${file}`);
}

/** The sections of row sources that report on their own, worked out from the results' rows. */
function withSections(results: BenchResults): BenchResults {
  const sections = rowSources.flatMap((source) => source.section?.(results) ?? []);
  if (sections.length) results.sections = sections;
  return results;
}

if (opts.report) {
  // Sections are worked out again from the rows: the page reads as this version's report does.
  const results = withSections(JSON.parse(readFileSync(opts.report, "utf8")) as BenchResults);
  if (opts.docs) writePage(results, opts.docs);
  else process.stdout.write(benchmarksPage(results, readNotes("")));
  process.exit(0);
}

const started = Date.now();
const loadStart = loadNow();
const versions: Record<string, string | null> = {};
for (const runtime of opts.runtimes) versions[runtime] = runtimeVersion(runtime);
const rows = planRows({ runtimes: opts.runtimes, kinds: opts.kinds }, opts.sources).filter((row) => {
  // --only start: the rows that have a Process start (the main table's floors, multiproc, Python).
  if (opts.only === "start" && (row.role === "other" || row.section !== undefined)) return false;
  if (versions[row.runtime] !== null) return true;
  console.error(`skipped ${row.id}: no ${row.runtime} binary`);
  return false;
});

/** A round's schedule: every row once, starting one row further on each round; extra runs last. */
function schedule(round: number): BenchRow[] {
  const shift = (round - 1) % rows.length;
  const order = [...rows.slice(shift), ...rows.slice(0, shift)];
  const extra = rows.flatMap((row) => Array.from({ length: (row.runsPerRound ?? 1) - 1 }, () => row));
  return [...order, ...extra];
}

const runs = new Map<string, Measured[][]>(rows.map((row) => [row.id, []]));
const errors = new Map<string, string[]>();
const total = rows.reduce((n, row) => n + (row.runsPerRound ?? 1), 0) * opts.rounds;
let done = 0;
const benchStart = Date.now();
/** The time left at the rate so far, for the progress lines. */
const left = () => `${Math.round((((Date.now() - benchStart) / done) * (total - done)) / 1000)} s left`;
console.error(`${rows.length} rows, ${opts.rounds} round(s), ${total} runs${opts.quick ? " (--quick)" : ""}`);
for (let round = 1; round <= opts.rounds; round++) {
  for (const row of runs.values()) row.push([]);
  for (const row of schedule(round)) {
    const t = Date.now();
    const prefix = `[${String(++done).padStart(String(total).length)}/${total}] round ${round}/${opts.rounds} ${row.id}`;
    try {
      const measured = await runRow(row, opts.sizes, opts.timeoutMs, opts.only);
      runs.get(row.id)?.[round - 1]?.push(measured);
      const trip = measured.tripMedianUs?.toFixed(1);
      const burst = measured.burstPerSec ? Math.round(measured.burstPerSec / 1000) : "–";
      const sweep = measured.chunkSweepMs;
      const what = sweep
        ? `map ms: ${Object.entries(sweep)
            .map(([name, ms]) => `${name} ${Math.round(ms)}`)
            .join(", ")}`
        : opts.only === "start"
          ? `Process start ${measured.processStartMs?.toFixed(1)} ms`
          : `burst ${burst}k/s, trip ${trip} µs`;
      console.error(`${prefix}  ${((Date.now() - t) / 1000).toFixed(1)} s  ${what}  (${left()})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.set(row.id, [...(errors.get(row.id) ?? []), message]);
      console.error(`${prefix}  FAILED: ${message}`);
    }
  }
}

const summary = summarize(rows, runs, errors);
const results: BenchResults = {
  schema: 1,
  date: new Date(started).toISOString(),
  durationSec: (Date.now() - started) / 1000,
  quick: opts.quick,
  settings: { rounds: opts.rounds, ...opts.sizes, workers: 2, ...(opts.only ? { only: opts.only } : {}) },
  machine: describeMachine(loadStart),
  versions,
  rows: summary,
  targets: checkTargets(summary),
};
withSections(results);
console.log(`\n${textTable(results)}\n`);
console.log("In brackets: ÷ the raw floor of the same runtime and kind (map: ÷ Python's Pool.map).");
console.log(`Noise: ${noiseLine(results)}\n`);
console.log(`${targetLines(results)}\n`);
for (const section of results.sections ?? []) console.log(`${sectionText(section)}\n`);
mkdirSync(dirname(opts.json), { recursive: true });
writeFileSync(opts.json, `${JSON.stringify(results, null, 2)}\n`);
console.error(`wrote ${opts.json}`);
if (opts.docs) writePage(results, opts.docs);
process.exit(errors.size ? 1 : 0);
