// @multiproc/bun: Pool and Process bound to Bun's workers. Same names and behaviour as
// @multiproc/node and @multiproc/deno.
import {
  type AnyFunction,
  Pool as CorePool,
  Process as CoreProcess,
  type PoolOptions,
  type ProcessOptions,
  type TaskName,
} from "@multiproc/core";
import { bunAdapter } from "./bun-adapter.ts";

export * from "@multiproc/core";
export { bunAdapter } from "./bun-adapter.ts";

export class Pool<M extends object = Record<string, AnyFunction>> extends CorePool<M> {
  constructor(options: PoolOptions) {
    super(options, bunAdapter);
  }
}

export class Process<
  M extends object = Record<string, AnyFunction>,
  K extends TaskName<M> = TaskName<M>,
> extends CoreProcess<M, K> {
  constructor(options: ProcessOptions<M, K>) {
    super(options, bunAdapter);
  }
}
