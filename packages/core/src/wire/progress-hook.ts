// How reportProgress (in a task module, from @multiproc/core/task) finds the task server of its
// worker: symbols in the global registry, the same in every copy of core a worker may load.

/** Where the worker's ProgressHook is. */
export const PROGRESS_HOOK: unique symbol = Symbol.for("multiproc.progress-hook.v1") as never;

/** Set to true once a task module has loaded @multiproc/core/task (it may report progress). */
export const TASK_MODULE_REPORTS: unique symbol = Symbol.for("multiproc.task-reports.v1") as never;

/** A task server's answer to "is the code running now one of your calls?". */
export interface ProgressReporter {
  /** The id of this server's call the code running now belongs to, or undefined when it cannot say. */
  claim(): number | undefined;
  /** Whether any call of this server runs now. */
  busy(): boolean;
  /** Sends `value` as progress of call `id`; throws when it cannot be sent. */
  send(id: number, value: unknown): void;
}

/** What reportProgress reaches: the task servers of this thread (one, but for in-process workers). */
export interface ProgressHook {
  /** The servers that may claim a report. */
  readonly reporters: Set<ProgressReporter>;
}

/** This thread's hook, made by the first task server that asks. */
export function progressHook(): ProgressHook {
  const global = globalThis as Record<symbol, unknown>;
  let hook = global[PROGRESS_HOOK] as ProgressHook | undefined;
  if (!hook) {
    hook = { reporters: new Set() };
    global[PROGRESS_HOOK] = hook;
  }
  return hook;
}

/** Sends `value` as progress of the one call the code running now belongs to (see reportProgress). */
export function reportToHook(hook: ProgressHook, value: unknown): void {
  let owner: ProgressReporter | undefined;
  let id: number | undefined;
  let busy = 0;
  for (const reporter of hook.reporters) {
    if (!reporter.busy()) continue;
    busy++;
    const claimed = reporter.claim();
    if (claimed !== undefined) {
      if (owner) throw ambiguous();
      owner = reporter;
      id = claimed;
    }
  }
  if (busy === 0) return; // no call runs: the task was called directly, outside a pool
  if (!owner || id === undefined) throw ambiguous();
  owner.send(id, value);
}

function ambiguous(): Error {
  return new Error(
    "reportProgress: several calls run at once here and the runtime cannot tell which one reported",
  );
}
