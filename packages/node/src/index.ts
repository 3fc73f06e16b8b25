// @multiproc/node: Pool and Process bound to Node's workers. Same names and behaviour as
// @multiproc/deno and @multiproc/bun.
import {
  type AnyFunction,
  Pool as CorePool,
  Process as CoreProcess,
  type PoolOptions,
  type ProcessOptions,
  type TaskName,
} from "@multiproc/core";
import { nodeAdapter } from "./node-adapter.ts";

export * from "@multiproc/core";
export { nodeAdapter } from "./node-adapter.ts";

export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: PoolOptions) {
    super(options, nodeAdapter);
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
