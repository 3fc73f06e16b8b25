/**
 * The Deno adapter object itself, for the conformance suite and benchmarks. Users want `Pool`
 * and `Process` from `@multiproc/deno` instead.
 *
 * @module @multiproc/deno/adapter
 */
export { denoAdapter } from "./deno-adapter.ts";
