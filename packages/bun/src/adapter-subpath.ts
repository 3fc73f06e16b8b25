/**
 * The Bun adapter object itself, for the conformance suite and benchmarks. Users want `Pool`
 * and `Process` from `@multiproc/bun` instead.
 *
 * @module @multiproc/bun/adapter
 */
export { bunAdapter } from "./bun-adapter.ts";
