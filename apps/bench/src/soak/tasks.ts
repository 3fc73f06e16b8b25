// The soak's task module: tiny tasks, so that what grows is the machinery, not the work; and the
// probe that reports the worker's own heap.
export { probe } from "./probe.ts";

export const add = (a: number, b: number): number => a + b;
export const inc = (x: number): number => x + 1;
