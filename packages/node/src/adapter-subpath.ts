/**
 * The Node adapter object itself, for the conformance suite, benchmarks and engines built on it.
 * Users want `Pool` and `Process` from `@multiproc/node` instead.
 *
 * @module @multiproc/node/adapter
 */
export { nodeAdapter } from "./node-adapter.ts";
