// Which runtime runs this code, asked from inside. Deno first, then Bun: both also define
// `process.versions.node`, so that can only be the last test.

/** The runtimes with a multiproc adapter that `@multiproc/auto` can load. */
export type RuntimeName = "node" | "deno" | "bun";

interface RuntimeGlobals {
  Deno?: { version?: { deno?: unknown } };
  Bun?: { version?: unknown };
  process?: { versions?: { node?: unknown } };
}

/** The runtime running this code, or undefined when it is none of the three (a browser, an edge runtime). */
export function detectRuntime(globals: object = globalThis): RuntimeName | undefined {
  const g = globals as RuntimeGlobals;
  if (typeof g.Deno?.version?.deno === "string") return "deno";
  if (typeof g.Bun?.version === "string") return "bun";
  if (typeof g.process?.versions?.node === "string") return "node";
  return undefined;
}
