// Submits the planned tasks with a bounded number outstanding (a steady queue, so timeouts and
// aborts hit tasks both queued and running), aborts on schedule, and records every settlement,
// counting any second one.

/**
 * @typedef {object} Settlement
 * @property {boolean} ok
 * @property {unknown} [value]
 * @property {unknown} [error]
 * @property {number} count   times settled: must end as 1
 */

/**
 * @param {{ apply: Function }} pool
 * @param {import("./plan.mjs").PlannedTask[]} plan
 * @param {{ window: number, onProgress: () => void }} options
 * @returns {{ settlements: (Settlement | undefined)[], done: Promise<void> }}
 */
export function runPlan(pool, plan, { window, onProgress }) {
  /** @type {(Settlement | undefined)[]} */
  const settlements = new Array(plan.length).fill(undefined);
  let next = 0;
  let outstanding = 0;
  let settled = 0;
  let finish;
  const done = new Promise((resolve) => {
    finish = resolve;
  });

  const settle = (task, result) => {
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

  const submit = (task) => {
    outstanding++;
    const controller = task.abort === undefined ? undefined : new AbortController();
    if (task.abort === "before") controller.abort(new Error(`chaos abort of task ${task.id}`));
    const options =
      controller || task.timeout !== undefined
        ? { signal: controller?.signal, timeout: task.timeout }
        : undefined;
    pool.apply(task.fn, task.args, options).then(
      (value) => settle(task, { ok: true, value }),
      (error) => settle(task, { ok: false, error }),
    );
    if (task.abort === "sync") controller.abort(new Error(`chaos abort of task ${task.id}`));
    if (typeof task.abort === "number") {
      setTimeout(() => controller.abort(new Error(`chaos abort of task ${task.id}`)), task.abort);
    }
    onProgress();
  };

  const fill = () => {
    while (outstanding < window && next < plan.length) submit(plan[next++]);
    if (settled === plan.length) finish();
  };

  fill();
  return { settlements, done };
}
