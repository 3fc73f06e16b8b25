// A task module's URL that carries the module's type, so that Pool and Process infer their task
// names, arguments and results from `module` (and Process its target's from `target`).
import type { TaskModuleRef } from "./types.ts";

/**
 * The URL (or absolute path) of a task module, typed as that module: `new Pool({ module })` and
 * `new Process({ module, target })` then check task names, arguments and results without type
 * arguments. Only a type: the value is the URL as given.
 *
 * ```ts
 * const tasks = taskModule<typeof import("./tasks.ts")>(new URL("./tasks.ts", import.meta.url));
 * const p = new Process({ module: tasks, target: "square", args: [3] }); // p.result: Promise<number>
 * ```
 */
export function taskModule<M extends object>(url: string | URL): TaskModuleRef<M> {
  return url as TaskModuleRef<M>;
}
