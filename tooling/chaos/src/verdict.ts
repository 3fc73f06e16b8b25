// What each planned task may end as. A task nobody interfered with must succeed; the rest must
// fail with the typed error of what was done to it. A SIGKILL from the storm is allowed for any
// task here and checked against the start log afterwards (see attribution.mjs).

import type { Outcome } from "./outcome.ts";
import type { PlannedTask, TaskType } from "./plan.ts";

/** What each task type may end as, in words, for reports. */
export const expectations: Record<TaskType, string> = {
  value: "its value",
  nap: "its value",
  fail: "TaskError with the thrown name and message",
  abortNap: "its value or AbortError (AbortError only, when aborted before or as it was submitted)",
  exit: "WorkerExitError with the exit code it gave",
  crash: "WorkerExitError with a non-zero exit code",
  timeout: "TimeoutError with its own timeout",
  abortSpin: "AbortError",
};

/** Why `outcome` is wrong for `task`, or undefined when it is right. */
export function judge(task: PlannedTask, outcome: Outcome, run: { storm: boolean }): string | undefined {
  if (outcome.label === "killed") return judgeKilled(task, outcome, run);
  const ok = (label: Outcome["label"]) => outcome.label === label;
  switch (task.type) {
    case "value":
    case "nap":
      return ok("value") && outcome.value === task.id ? undefined : "not interfered with, yet no value";
    case "fail":
      return ok("taskError") && outcome.name === task.args[1] && outcome.message === task.args[2]
        ? undefined
        : "not the thrown error";
    case "abortNap":
      if (ok("abort")) return undefined;
      if (task.abort === "before" || task.abort === "sync")
        return "aborted before it could run, yet no AbortError";
      return ok("value") && outcome.value === task.id ? undefined : "neither its value nor AbortError";
    case "exit":
      return ok("workerExit") && outcome.exitCode === task.args[1] ? undefined : "not its exit code";
    case "crash":
      return ok("workerExit") && outcome.exitCode !== 0 ? undefined : "not a worker exit";
    case "timeout":
      return ok("timeout") && outcome.timeout === task.timeout ? undefined : "no TimeoutError";
    case "abortSpin":
      return ok("abort") ? undefined : "no AbortError";
    default:
      return `unknown task type ${task.type satisfies never}`;
  }
}

function judgeKilled(task: PlannedTask, outcome: Outcome, run: { storm: boolean }): string | undefined {
  if (!run.storm) return "killed by SIGKILL, but nothing sent one";
  if (task.abort === "before" || task.abort === "sync") return "aborted before it could run, yet killed";
  // Those words mean the pool itself blamed this task for another's timeout, or for a start-up
  // failure: with concurrency 1 neither may reach a task the storm did not kill.
  if (/during start-up|to stop another task/.test(outcome.message ?? ""))
    return "blamed for another worker's fate";
  return undefined;
}
