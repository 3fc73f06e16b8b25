// Submits the planned tasks with a bounded number outstanding (a steady queue, so timeouts and
// aborts hit tasks both queued and running), aborts on schedule, and records every settlement,
// counting any second one.

import type { SettledAs } from "./outcome.ts";
import type { PlannedTask } from "./plan.ts";

/** How a task settled, and how many times: it must end as 1. */
export interface Settlement extends SettledAs {
  count: number;
}

/** The one call of the pool the plan makes. */
export interface ApplyingPool {
  apply(
    fn: string,
    args: unknown[],
    options?: { signal?: AbortSignal | undefined; timeout?: number | undefined },
  ): Promise<unknown>;
}

/** Submits `plan` to `pool`, `window` tasks outstanding; `done` resolves once every task settled. */
export function runPlan(
  pool: ApplyingPool,
  plan: PlannedTask[],
  { window, onProgress }: { window: number; onProgress: () => void },
): { settlements: (Settlement | undefined)[]; done: Promise<void> } {
  const settlements: (Settlement | undefined)[] = new Array(plan.length).fill(undefined);
  let next = 0;
  let outstanding = 0;
  let settled = 0;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const settle = (task: PlannedTask, result: SettledAs) => {
    const previous = settlements[task.id];
    if (previous) {
      previous.count++;
      return;
    }
    settlements[task.id] = { ...result, count: 1 };
    outstanding--;
    settled++;
    onProgress();
    fill();
  };

  const submit = (task: PlannedTask) => {
    outstanding++;
    const controller = task.abort === undefined ? undefined : new AbortController();
    if (task.abort === "before") controller?.abort(new Error(`chaos abort of task ${task.id}`));
    const options =
      controller || task.timeout !== undefined
        ? { signal: controller?.signal, timeout: task.timeout }
        : undefined;
    pool.apply(task.fn, task.args, options).then(
      (value) => settle(task, { ok: true, value }),
      (error) => settle(task, { ok: false, error }),
    );
    if (task.abort === "sync") controller?.abort(new Error(`chaos abort of task ${task.id}`));
    if (typeof task.abort === "number") {
      setTimeout(() => controller?.abort(new Error(`chaos abort of task ${task.id}`)), task.abort);
    }
    onProgress();
  };

  const fill = () => {
    while (outstanding < window && next < plan.length) submit(plan[next++] as PlannedTask);
    if (settled === plan.length) finish();
  };

  fill();
  return { settlements, done };
}
