// Checks each SIGKILL rejection against what really happened: the storm's kills and the start
// log. With concurrency 1 a kill may cost at most one task: the one its worker was running, or
// the one just sent to it. A task that was still waiting in the queue must never pay for a kill,
// and a worker killed before it loaded the task module had been sent nothing at all.

import type { StartLog } from "./start-log.ts";

/** An invariant that failed, with the task it concerns when there is one. */
export interface Violation {
  id?: number;
  why: string;
  [detail: string]: unknown;
}

/**
 * Checks `killedTasks` (rejected with WorkerExitError(SIGKILL)) against the storm's `kills` and
 * the start log; counts the tasks lost while running and on their way to a worker.
 */
export function attributeKills(
  killedTasks: { id: number }[],
  log: StartLog,
  kills: { pid: number }[],
): { violations: Violation[]; startedThenKilled: number; inFlightKilled: number } {
  const killedPids = new Set(kills.map((k) => k.pid));
  const violations: Violation[] = [];
  /** killed pid → the started tasks it took with it */
  const lostOn = new Map<number, number[]>();
  const neverStarted: number[] = [];
  for (const { id } of killedTasks) {
    const starts = log.starts.get(id) ?? [];
    const hit = starts.find((s) => killedPids.has(s.pid));
    if (hit) lostOn.set(hit.pid, [...(lostOn.get(hit.pid) ?? []), id]);
    else if (starts.length > 0) {
      const pids = starts.map((s) => s.pid).join(", ");
      violations.push({
        id,
        why: `rejected with SIGKILL, but it ran on pid ${pids}, which the storm never killed`,
      });
    } else neverStarted.push(id);
  }
  for (const [pid, ids] of lostOn) {
    if (ids.length > 1)
      violations.push({ why: `one kill (pid ${pid}) rejected ${ids.length} started tasks: ${ids}` });
  }
  // Kills that could have caught a task on its way to a ready worker: of workers that had loaded
  // the module, and that took no started task with them.
  let spare = 0;
  for (const pid of killedPids) if (log.loadedPids.has(pid) && !lostOn.has(pid)) spare++;
  if (neverStarted.length > spare) {
    violations.push({
      why:
        `${neverStarted.length} tasks that never started were rejected with SIGKILL, but only ${spare} ` +
        `kills could have caught a task in flight (waiting tasks must be requeued): ${neverStarted.slice(0, 20)}`,
    });
  }
  return {
    violations,
    startedThenKilled: killedTasks.length - neverStarted.length,
    inFlightKilled: neverStarted.length,
  };
}

/** Tasks that started more than once: a task its worker had started was run again elsewhere. */
export function startedTwice(log: StartLog): { id: number; pids: number[] }[] {
  const twice: { id: number; pids: number[] }[] = [];
  for (const [id, starts] of log.starts)
    if (starts.length > 1) twice.push({ id, pids: starts.map((s) => s.pid) });
  return twice;
}
