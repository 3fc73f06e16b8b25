// Type helpers that turn `typeof import("./tasks.ts")` into checked task names, arguments and results.

/** Any function: what a task module's exports are checked against. */
// biome-ignore lint/suspicious/noExplicitAny: a task may take and return anything.
export type AnyFunction = (...args: any[]) => any;

/** Any module of tasks: the default when a Pool is not given the module's type. */
export type TaskModule = Record<string, unknown>;

/** The names of the module's function exports. */
export type TaskName<M> = {
  [K in keyof M & string]: M[K] extends AnyFunction ? K : never;
}[keyof M & string];

/** The argument list of task `K` of module `M`, as `apply` and `starmap` take it. */
export type TaskArgs<M, K extends TaskName<M>> = M[K] extends AnyFunction ? Parameters<M[K]> : never;

/** What task `K` of module `M` resolves to (a returned promise is awaited). */
export type TaskResult<M, K extends TaskName<M>> = M[K] extends AnyFunction
  ? Awaited<ReturnType<M[K]>>
  : never;

/** The single argument map() and imap() pass to each call. */
export type TaskItem<M, K extends TaskName<M>> = TaskArgs<M, K> extends [] ? undefined : TaskArgs<M, K>[0];
