/**
 * What a task module may use from inside a task: `reportProgress`. Runtime-free, so one task
 * module serves every runtime and kind, and BullMQ's agents.
 *
 * ```ts
 * import { reportProgress } from "@multiproc/core/task";
 * export async function convert(file: string) {
 *   for (let page = 1; page <= pages; page++) { await render(page); reportProgress({ page, pages }); }
 * }
 * // caller: await pool.apply("convert", [file], { onProgress: (p) => console.log(p) });
 * ```
 *
 * @module @multiproc/core/task
 */
import { PROGRESS_HOOK, type ProgressHook, reportToHook, TASK_MODULE_REPORTS } from "./wire/progress-hook.ts";

// The task server asks this after importing the task module: calls that may report progress
// need telling apart where several run at once in one worker.
(globalThis as Record<symbol, unknown>)[TASK_MODULE_REPORTS] = true;

/**
 * Reports progress of the call running this task: `value` (anything structured clone can copy)
 * reaches the `onProgress` option of that call's `apply`/`applyAsync`, in order, before its
 * result, and never another call's. Throws a TypeError, in the task, when `value` cannot be sent.
 * Outside a pool (the task called directly) it does nothing.
 */
export function reportProgress(value: unknown): void {
  const hook = (globalThis as Record<symbol, unknown>)[PROGRESS_HOOK] as ProgressHook | undefined;
  if (hook) reportToHook(hook, value);
}
