// @multiproc/deno/adapter: the Deno adapter object itself, for the conformance suite and
// benchmarks. Users want Pool and Process from "@multiproc/deno" instead.
export { denoAdapter } from "./deno-adapter.ts";
