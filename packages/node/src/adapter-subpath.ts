// @multiproc/node/adapter: the Node adapter object itself, for the conformance suite, benchmarks
// and engines built on it. Users want Pool and Process from "@multiproc/node" instead.
export { nodeAdapter } from "./node-adapter.ts";
