// @multiproc/bun/adapter: the Bun adapter object itself, for the conformance suite and
// benchmarks. Users want Pool and Process from "@multiproc/bun" instead.
export { bunAdapter } from "./bun-adapter.ts";
