// The measurements: every cell once per round, in a fresh child process, rounds interleaved so a
// slow moment of the machine falls on every cell alike; warm-up rounds first, untimed. A task that
// throws stops the run (TaskThrew); any other failure marks its cell and the run goes on.
import type { ChildResult, FailResult } from "./child/protocol.ts";
import { cellLabel } from "./labels.ts";
import { runChild } from "./run-child.ts";
import { tail, type UsedRuntime } from "./setup.ts";
import type { MeasuredCell } from "./summarize.ts";

/** A cell and how to run it. */
export interface PlannedCell {
  cell: MeasuredCell;
  runtime: UsedRuntime;
  script: string;
  /** The child's one JSON argument. */
  spec: object;
  /** Timed rounds for this cell when fewer than the run's (a long workload beside short ones). */
  repetitions?: number;
  /** This cell's calls, for the message when a task throws (else the run's). */
  calls?: unknown[][];
  /** The name of the cell in progress lines (else made from the cell). */
  label?: string;
}

/** A task threw: the run stops with this message (exit code 1). */
export class TaskThrew extends Error {
  override name = "TaskThrew";
}

export interface RoundsOptions {
  repetitions: number;
  warmup: number;
  timeoutMs: number;
  cwd: string;
  calls: unknown[][];
  /** Told after every run, with a line saying what ran and what it measured. */
  progress: { step(text: string): void };
}

export async function runRounds(plan: PlannedCell[], options: RoundsOptions): Promise<void> {
  for (let round = 0; round < options.warmup + options.repetitions; round++) {
    const warm = round < options.warmup;
    for (const planned of plan) {
      if (planned.cell.error) continue;
      if (round >= options.warmup + (planned.repetitions ?? options.repetitions)) continue;
      const label = planned.label ?? cellLabel(planned.cell);
      const outcome = await runOnce(planned, options);
      if ("error" in outcome) {
        planned.cell.error = outcome.error;
        options.progress.step(`${label}: FAILED ${outcome.error}`);
        continue;
      }
      const rss = outcome.peakBytes === null ? "" : `, ${(outcome.peakBytes / 2 ** 20).toFixed(0)} MiB`;
      options.progress.step(`${warm ? "warm-up " : ""}${label}: ${outcome.ms.toFixed(1)} ms${rss}`);
      if (warm) continue;
      planned.cell.runsMs.push(outcome.ms);
      if (outcome.peakBytes !== null) planned.cell.peaks.push(outcome.peakBytes);
      planned.cell.stats = outcome.stats;
    }
  }
}

type Once = { ms: number; peakBytes: number | null; stats: unknown } | { error: string };

async function runOnce(planned: PlannedCell, options: RoundsOptions): Promise<Once> {
  const { runtime } = planned;
  const outcome = await runChild<ChildResult>(
    runtime.binary,
    runtime.argv(planned.script, JSON.stringify(planned.spec)),
    { cwd: options.cwd, timeoutMs: options.timeoutMs },
  );
  const result = outcome.result;
  if (result === undefined) return { error: `${outcome.exit}: ${tail(outcome.stderr)}` };
  if (!result.ok) {
    const failure = result as FailResult;
    if (failure.phase === "task")
      throw new TaskThrew(taskMessage(planned, failure, planned.calls ?? options.calls));
    return { error: `${failure.error.name}: ${failure.error.message}` };
  }
  if (!("ms" in result)) return { error: "the child answered a check, not a run" };
  const own = result.ownPeakKiB === null ? 0 : result.ownPeakKiB * 1024;
  const peak = Math.max(outcome.peakRssBytes ?? 0, own);
  return { ms: result.ms, peakBytes: peak > 0 ? peak : null, stats: result.stats };
}

function taskMessage(planned: PlannedCell, failure: FailResult, calls: unknown[][]): string {
  const where =
    failure.item === undefined
      ? "(the failing item could not be found again one call at a time)"
      : `at item ${failure.item} (arguments ${short(calls[failure.item])})`;
  const lines = (failure.error.stack ?? "").split("\n");
  const stack = (
    planned.cell.runtime === "python"
      ? lines.filter((line) => /^\s+File "/.test(line)).slice(-2) // Python's innermost call is last
      : lines.filter((line) => /^\s+at /.test(line)).slice(0, 3)
  ).join("\n");
  return `the task threw on ${cellLabel(planned.cell)}, ${where}:\n  ${failure.error.name}: ${failure.error.message}${stack ? `\n${stack}` : ""}`;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
