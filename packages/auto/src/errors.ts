/**
 * The error `@multiproc/auto` throws when it cannot load an adapter for the runtime running it.
 * It is thrown while `@multiproc/auto` itself is being imported, so it lives in a module of its
 * own that imports no adapter: a program that wants to catch it imports it from here.
 *
 * @module @multiproc/auto/errors
 */
import { MultiprocError } from "@multiproc/core";

/** The adapter packages `@multiproc/auto` chooses from. */
export type AdapterPackage = "@multiproc/node" | "@multiproc/deno" | "@multiproc/bun";

/**
 * Importing `@multiproc/auto` found no adapter to load: the runtime's adapter package is not
 * installed where `@multiproc/auto` can import it (`adapter` names it, the import's own error is
 * the `cause`), or the runtime is none of Node, Deno and Bun (`runtime` is `"unknown"`).
 */
export class AdapterNotFoundError extends MultiprocError {
  /** The runtime found: `"node"`, `"deno"`, `"bun"`, or `"unknown"`. */
  readonly runtime: string;
  /** The adapter package that runtime needs, or undefined when there is none for it. */
  readonly adapter: AdapterPackage | undefined;
  constructor(message: string, runtime: string, adapter: AdapterPackage | undefined, cause?: unknown) {
    super(message, {}, cause === undefined ? undefined : { cause });
    this.runtime = runtime;
    this.adapter = adapter;
  }
}
