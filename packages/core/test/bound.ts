// Core's Pool and Process bound to a test's adapter, as an adapter package binds its own (see
// bindAdapter): the tests make pools and processes the way users get them.
import { type Adapter, bindAdapter, type Pool, type Process } from "../src/adapter-api.ts";
import type { AnyFunction, PoolOptions, ProcessOptions } from "../src/index.ts";

/** `new Pool(options)` of `adapter`'s bound Pool class. */
export function newPool<M extends object = Record<string, AnyFunction>>(
  options: PoolOptions,
  adapter: Adapter,
): Pool<M> {
  const { Pool } = bindAdapter(adapter);
  return new Pool<M>(options);
}

/** `new Process(options)` of `adapter`'s bound Process class. */
export function newProcess(options: ProcessOptions, adapter: Adapter): Process {
  const { Process } = bindAdapter(adapter);
  return new Process(options);
}
