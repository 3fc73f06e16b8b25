// What a Pool needs from the machinery under it. PoolEngine is multiproc's own; an adapter may
// offer another (the Node adapter wraps tinypool) and the Pool API stays the same.
import type { Adapter } from "./adapter.ts";
import type { CallOptions, ResolvedPoolOptions } from "./options.ts";
import type { Chunk } from "./protocol.ts";

export interface Engine {
  readonly options: ResolvedPoolOptions;
  /** Workers alive now. */
  readonly workerCount: number;
  /**
   * Runs `fn(...args)`, or with `chunk` each argument list of `args` in one message. `bounded`
   * calls count against maxQueue.
   */
  submit(
    fn: string,
    args: unknown[],
    chunk: Chunk | false,
    options: CallOptions | undefined,
    bounded: boolean,
  ): Promise<unknown>;
  close(): void;
  join(): Promise<void>;
  terminate(): Promise<void>;
}

export type EngineFactory = (options: ResolvedPoolOptions, adapter: Adapter) => Engine;
