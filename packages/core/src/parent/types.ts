// Type helpers that turn `typeof import("./tasks.ts")` into checked task names, arguments and results.

/** Any function: what a task module's exports are checked against. */
// biome-ignore lint/suspicious/noExplicitAny: a task may take and return anything.
export type AnyFunction = (...args: any[]) => any;

/** Any module of tasks: the default when a Pool is not given the module's type. */
export type TaskModule = Record<string, unknown>;

/** The module's function exports, by name (non-function exports and symbol keys left out). */
type FunctionExports<M> = {
  [K in keyof M as M[K] extends AnyFunction ? (K extends string ? K : never) : never]: M[K];
};

/**
 * The names of the module's function exports. A `keyof` of a mapped type, so that TypeScript's
 * errors list the names (`"add" | "square"`) rather than this type's name.
 */
export type TaskName<M> = Extract<keyof FunctionExports<M>, string>;

/** Tasks that take one argument (or none, or more that are optional): what map and imap call with each item. */
type ItemTasks<M> = {
  [K in keyof M as M[K] extends AnyFunction
    ? K extends string
      ? Parameters<M[K]> extends []
        ? K
        : [Parameters<M[K]>[0]] extends Parameters<M[K]>
          ? K
          : never
      : never
    : never]: M[K];
};

/** The names of the tasks map and imap can call with each item (starmap is for the others). */
export type ItemTaskName<M> = Extract<keyof ItemTasks<M>, TaskName<M>>;

/** Never there at run time: it only carries the task module's type with its URL (see taskModule()). */
declare const TASKS: unique symbol;

/**
 * A task module's URL (or path) that carries the module's type, made by taskModule(): a Pool or
 * Process given it as `module` types its tasks without type arguments.
 */
export type TaskModuleRef<M> = (string | URL) & {
  /** Never there at run time: the module's type, for TypeScript to infer. */
  readonly [TASKS]?: M;
};

/** The argument list of task `K` of module `M`, as `apply` and `starmap` take it. */
export type TaskArgs<M, K extends TaskName<M>> = M[K] extends AnyFunction ? Parameters<M[K]> : never;

/** What task `K` of module `M` resolves to (a returned promise is awaited). */
export type TaskResult<M, K extends TaskName<M>> = M[K] extends AnyFunction
  ? Awaited<ReturnType<M[K]>>
  : never;

/** The single argument map() and imap() pass to each call. */
export type TaskItem<M, K extends TaskName<M>> = TaskArgs<M, K> extends [] ? undefined : TaskArgs<M, K>[0];
