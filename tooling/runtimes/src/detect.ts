// Which runtime is running this code, asked from inside. Deno first, then Bun, else Node:
// `process.versions.node` is set under all three, so it cannot be the test.

/** The runtime running this code, by its own name, and its version. */
export interface DetectedRuntime {
  name: "deno" | "bun" | "node";
  version: string;
}

interface RuntimeGlobals {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions: { node: string } };
}

/** Asks the globals only Deno and Bun define; otherwise it is Node. */
export function detectRuntime(): DetectedRuntime {
  const g = globalThis as RuntimeGlobals;
  if (g.Deno?.version?.deno) return { name: "deno", version: g.Deno.version.deno };
  if (g.Bun?.version) return { name: "bun", version: g.Bun.version };
  return { name: "node", version: g.process?.versions.node ?? "unknown" };
}
