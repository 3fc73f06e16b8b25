// Turns a finished run into its JSON summary: counts per outcome (overall and per task type),
// the storm's kills, and every invariant that failed, each with the task and what it got.
import { attributeKills, startedTwice } from "./attribution.mjs";
import { describeOutcome, showOutcome } from "./outcome.mjs";
import { expectations, judge } from "./verdict.mjs";

const shownViolations = 50;

/**
 * @param {object} run
 * @param {import("./driver-args.mjs").DriverOptions} run.options
 * @param {import("./plan.mjs").PlannedTask[]} run.plan
 * @param {(import("./run-plan.mjs").Settlement | undefined)[]} run.settlements
 * @param {Record<string, Function>} run.errors   the adapter's error classes
 * @param {import("./start-log.mjs").StartLog} run.log
 * @param {{ pid: number, fresh: boolean, at: number }[]} run.kills
 */
export function summarize(run) {
  const { options, plan, settlements, errors, log, kills } = run;
  const outcomes = {};
  const byType = {};
  const violations = [];
  const killedTasks = [];
  let settled = 0;
  for (const task of plan) {
    const settlement = settlements[task.id];
    if (!settlement) continue;
    settled++;
    const outcome = describeOutcome(settlement, errors);
    outcomes[outcome.label] = (outcomes[outcome.label] ?? 0) + 1;
    byType[task.type] ??= {};
    byType[task.type][outcome.label] = (byType[task.type][outcome.label] ?? 0) + 1;
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
  const notIn = (set) => [...killedPids].filter((pid) => !set.has(pid)).length;
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
