// multiproc-bench: the command. Reads the options, checks the input and the runtimes, measures,
// then prints the table and the verdicts and writes --json / --html. Exit codes: 0 done; 1 a
// runtime could not load the module, a task threw, or a cell failed; 2 bad input.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PlannedCell, runRounds, TaskThrew } from "./measure.ts";
import { type BenchOptions, parseOptions, UsageError, usage } from "./options.ts";
import { planJsCells } from "./plan.ts";
import { checkPython, findPython, planPythonCells, pythonTask } from "./python.ts";
import { buildReport } from "./report/build.ts";
import { writeHtmlReport } from "./report/html.ts";
import { printReport } from "./report/print.ts";
import { Progress } from "./report/progress.ts";
import { killChildren } from "./run-child.ts";
import { BenchFailure, checkRuntimes, findJsRuntimes, findModule } from "./setup.ts";
import { loadWorkItems } from "./work-items.ts";

/** This run's scratch folder (the calls file), removed however the run ends. */
let scratch: string | undefined;

async function main(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv);
  if ("help" in parsed) {
    console.log(usage);
    return 0;
  }
  const options: BenchOptions = parsed;
  const cwd = process.cwd();
  const startedAt = new Date();
  const modulePath = findModule(options.module, cwd);
  const items = loadWorkItems(options);
  if (options.modes.includes("imap") && !items.single) {
    throw new UsageError(
      `--modes imap passes one item per call, but --args gives ${items.calls[0]?.length ?? 0} arguments: leave imap out, or give one argument`,
    );
  }
  const python = options.python === undefined ? undefined : pythonTask(options.python, cwd);
  const { used, records } = findJsRuntimes(options, modulePath, cwd);
  const py = python && findPython(options, cwd);
  if (py) records.push(py.record);
  for (const r of records) if (r.status === "missing") console.error(`! ${r.label}: skipped: ${r.reason}`);
  if (used.length === 0 && !py?.used) throw new BenchFailure("no runtime to run on (see the lines above)");

  const dir = mkdtempSync(join(tmpdir(), "multiproc-bench-"));
  scratch = dir;
  try {
    const callsFile = join(dir, "calls.json");
    writeFileSync(callsFile, JSON.stringify(items.calls));
    if (used.length) await checkRuntimes(used, options, modulePath, callsFile, cwd);
    if (python && py?.used) await checkPython(py.used, python, options.python as string, callsFile, cwd);
    const plan: PlannedCell[] = [
      ...planJsCells(used, options, modulePath, items, callsFile),
      ...(python && py?.used ? planPythonCells(py.used, python, options, items, callsFile) : []),
    ];
    const ran = py?.used ? [...used, py.used] : used;
    const runs = plan.length * (options.warmup + options.repetitions);
    console.error(
      `multiproc-bench: ${options.task} × ${items.calls.length} item(s), ${plan.length} cells × ${options.warmup} warm-up + ${options.repetitions} timed rounds = ${runs} runs, on ${ran.map((r) => `${r.label} ${r.version}`).join(", ")}`,
    );
    const progress = new Progress(runs);
    try {
      await runRounds(plan, {
        repetitions: options.repetitions,
        warmup: options.warmup,
        timeoutMs: options.timeout,
        cwd,
        calls: items.calls,
        progress,
      });
    } finally {
      progress.end();
    }
    const report = buildReport({
      options,
      items,
      startedAt,
      runtimes: records,
      cells: plan.map((p) => p.cell),
    });
    printReport(report);
    if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    if (options.html) writeHtmlReport(options.html, report);
    const failed = report.cells.filter((c) => c.error);
    if (failed.length) {
      console.error(`${failed.length} cell(s) failed: ${failed.map((c) => c.id).join(", ")}`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Interrupted: the child measuring now goes too, with every process under it (its workers).
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    killChildren();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    console.error(
      `\nmultiproc-bench: stopped by ${signal}; the run measuring now and its workers were ended`,
    );
    process.exit(code);
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`multiproc-bench: ${error.message}\n(multiproc-bench --help lists the options)`);
    process.exitCode = 2;
  } else if (error instanceof BenchFailure || error instanceof TaskThrew) {
    console.error(`multiproc-bench: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
