// @multiproc/node: Pool and Process bound to Node's workers. Same names and behaviour as
// @multiproc/deno and @multiproc/bun.
import {
  type AnyFunction,
  Pool as CorePool,
  Process as CoreProcess,
  InvalidArgumentError,
  type PoolOptions,
  type ProcessOptions,
  type TaskName,
} from "@multiproc/core";
import { nodeAdapter } from "./node-adapter.ts";
import { TinypoolEngine } from "./tinypool-engine.ts";

export * from "@multiproc/core";
export { nodeAdapter } from "./node-adapter.ts";

export interface NodePoolOptions extends PoolOptions {
  /** "multiproc" (default) or "tinypool": the same API on tinypool's workers and queue. */
  engine?: "multiproc" | "tinypool" | undefined;
}

export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: NodePoolOptions) {
    const engine = options?.engine;
    if (engine !== undefined && engine !== "multiproc" && engine !== "tinypool") {
      throw new InvalidArgumentError(
        `engine must be "multiproc" or "tinypool", not ${JSON.stringify(engine)}`,
      );
    }
    super(
      options,
      nodeAdapter,
      engine === "tinypool" ? (resolved) => new TinypoolEngine(resolved) : undefined,
    );
  }
}

export class Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> extends CoreProcess<M, K> {
  constructor(options: ProcessOptions<M, K>) {
    super(options, nodeAdapter);
  }
}
