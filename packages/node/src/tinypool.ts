/**
 * The same Pool on tinypool, for users already on it: tinypool's workers and queue run the
 * calls, and the API, options and errors are those of `@multiproc/node`'s Pool. What tinypool
 * cannot do (`maxTasksPerWorker`) is refused with InvalidArgumentError. Its own subpath, so that
 * `@multiproc/node` never loads tinypool.
 *
 * ```ts
 * import { Pool } from "@multiproc/node/tinypool";
 * await using pool = new Pool<typeof import("./tasks.ts")>({ module: new URL("./tasks.ts", import.meta.url) });
 * ```
 *
 * @module @multiproc/node/tinypool
 */
import type { AnyFunction } from "@multiproc/core";
import { type BoundPool, bindAdapter, type Pool as CorePool } from "@multiproc/core/adapter";
import { nodeAdapter } from "./node-adapter.ts";
import { TinypoolEngine } from "./tinypool-engine.ts";

/** Python's `multiprocessing.Pool` on tinypool's workers: threads (the default) or child processes. */
export const Pool: BoundPool = bindAdapter(nodeAdapter, (options) => new TinypoolEngine(options)).Pool;
/** A pool on tinypool (the instance type of {@link Pool}). */
export type Pool<M extends object = Record<string, AnyFunction>> = CorePool<M>;
