/**
 * The browser adapter object itself, for the conformance suite and benchmarks. Users want `Pool`
 * and `Process` from `@multiproc/browser` instead.
 *
 * @module @multiproc/browser/adapter
 */
export { browserAdapter } from "./browser-adapter.ts";
