// The soak's task module: tiny tasks, so that what grows is the machinery, not the work; and the
// probe that reports the worker's own heap.
export { probe } from "./probe.mjs";

export const add = (a, b) => a + b;
export const inc = (x) => x + 1;
