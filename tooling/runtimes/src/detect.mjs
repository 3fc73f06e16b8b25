// Which runtime is running this code, asked from inside. Deno first, then Bun, else Node:
// `process.versions.node` is set under all three, so it cannot be the test.

/** @returns {{ name: "deno" | "bun" | "node", version: string }} */
export function detectRuntime() {
  const g = /** @type {any} */ (globalThis);
  if (g.Deno?.version?.deno) return { name: "deno", version: g.Deno.version.deno };
  if (g.Bun?.version) return { name: "bun", version: g.Bun.version };
  return { name: "node", version: g.process.versions.node };
}
