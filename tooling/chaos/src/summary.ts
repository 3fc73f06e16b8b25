// Turns a finished run into its JSON summary: counts per outcome (overall and per task type),
// the storm's kills, and every invariant that failed, each with the task and what it got.
import { attributeKills, startedTwice, type Violation } from "./attribution.ts";
import type { DriverOptions } from "./driver-args.ts";
import { describeOutcome, type ErrorClasses, type Outcome, showOutcome } from "./outcome.ts";
import type { PlannedTask } from "./plan.ts";
import type { Settlement } from "./run-plan.ts";
import type { StartLog } from "./start-log.ts";
import type { Kill } from "./storm.ts";
import { expectations, judge } from "./verdict.ts";

const shownViolations = 50;

/** Everything a finished run knows, for its summary. */
export interface FinishedRun {
  runtime: string;
  version: string;
  options: DriverOptions;
  plan: PlannedTask[];
  settlements: (Settlement | undefined)[];
  /** The adapter's error classes. */
  errors: ErrorClasses;
  log: StartLog;
  kills: Kill[];
  maxWorkerCount: number;
  maxChildren: number;
  finalMap: string;
  finalMapAt: number | undefined;
  survivors: string[];
  hung: boolean;
  durationMs: number;
}

/** Counts per outcome label. */
export type OutcomeCounts = Partial<Record<Outcome["label"], number>>;

/** The summary, as the driver prints it after CHAOS-SUMMARY. */
export type ChaosSummary = ReturnType<typeof summarize>;

/** Counts, kills and violations of a finished run. */
export function summarize(run: FinishedRun) {
  const { options, plan, settlements, errors, log, kills } = run;
  const outcomes: OutcomeCounts = {};
  const byType: Partial<Record<PlannedTask["type"], OutcomeCounts>> = {};
  const violations: Violation[] = [];
  const killedTasks: PlannedTask[] = [];
  let settled = 0;
  for (const task of plan) {
    const settlement = settlements[task.id];
    if (!settlement) continue;
    settled++;
    const outcome = describeOutcome(settlement, errors);
    outcomes[outcome.label] = (outcomes[outcome.label] ?? 0) + 1;
    const ofType = byType[task.type] ?? {};
    ofType[outcome.label] = (ofType[outcome.label] ?? 0) + 1;
    byType[task.type] = ofType;
    if (outcome.label === "killed") killedTasks.push(task);
    const at = { id: task.id, type: task.type, got: showOutcome(outcome) };
    if (settlement.count > 1) violations.push({ ...at, why: `settled ${settlement.count} times` });
    const why = judge(task, outcome, { storm: options.storm });
    if (why) violations.push({ ...at, why, expected: expectations[task.type] });
  }

  const unsettled = plan.filter((t) => !settlements[t.id]);
  if (unsettled.length > 0) {
    const ids = unsettled.slice(0, 20).map((t) => `${t.id} (${t.type})`);
    violations.push({ why: `${unsettled.length} tasks never settled: ${ids.join(", ")}` });
  }
  const attribution = attributeKills(killedTasks, log, kills);
  violations.push(...attribution.violations);
  const twice = startedTwice(log);
  if (twice.length > 0) {
    const shown = twice.slice(0, 10).map((t) => ({ ...t, type: plan[t.id]?.type }));
    violations.push({ why: `${twice.length} tasks started more than once`, tasks: shown });
  }
  if (run.maxWorkerCount > options.workers) {
    violations.push({
      why: `pool.workerCount reached ${run.maxWorkerCount}, above workers ${options.workers}`,
    });
  }
  if (run.maxChildren > options.workers) {
    violations.push({ why: `${run.maxChildren} child processes at once, above workers ${options.workers}` });
  }
  const lastKill = kills.at(-1);
  const quietMs = lastKill && run.finalMapAt ? Math.round(run.finalMapAt - lastKill.at) : undefined;
  if (run.finalMap !== "ok") {
    const after = quietMs === undefined ? "" : ` (called ${quietMs} ms after the storm's last kill)`;
    violations.push({ why: `the pool stopped serving: final map ${run.finalMap}${after}` });
  }
  if (run.survivors.length > 0) {
    violations.push({ why: `child processes alive after terminate(): ${run.survivors.join("; ")}` });
  }
  if (run.hung) violations.push({ why: `not finished within the ${options.deadline} ms deadline` });

  const killedPids = new Set(kills.map((k) => k.pid));
  const notIn = (set: Set<number>) => [...killedPids].filter((pid) => !set.has(pid)).length;
  return {
    runtime: run.runtime,
    version: run.version,
    kind: options.kind,
    seed: options.seed,
    tasks: plan.length,
    workers: options.workers,
    durationMs: Math.round(run.durationMs),
    hung: run.hung,
    settled,
    unsettled: unsettled.length,
    outcomes,
    byType,
    storm: options.storm,
    kills: {
      sent: kills.length,
      beforeModuleLoad: notIn(log.loadedPids),
      beforeFirstTask: notIn(log.taskPids),
      tasksLostWhileRunning: attribution.startedThenKilled,
      tasksLostInFlight: attribution.inFlightKilled,
    },
    startedTwice: twice.length,
    maxWorkerCount: run.maxWorkerCount,
    maxChildren: run.maxChildren,
    finalMap: run.finalMap,
    finalMapMsAfterLastKill: quietMs,
    survivors: run.survivors,
    violationCount: violations.length,
    violations: violations.slice(0, shownViolations),
  };
}
