// The adapter each runtime's child imports is the user's: resolved from the task module's folder
// (then the working directory), as the user's own code would import it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { JsRuntimeId } from "./options.ts";

export const adapterPackages: Record<JsRuntimeId, string> = {
  node: "@multiproc/node",
  deno: "@multiproc/deno",
  bun: "@multiproc/bun",
};

/** The adapter's entry as a file URL, or null when the project has not installed it. */
export function resolveAdapter(runtime: JsRuntimeId, moduleFile: string, cwd: string): string | null {
  const entry = resolveFrom(adapterPackages[runtime], [moduleFile, join(cwd, "package.json")]);
  return entry && pathToFileURL(entry).href;
}

/**
 * tsx's ESM API (`tsx/esm/api`, the import condition of its export map) as a file URL, where the
 * project has tsx: Node 20 loads a TypeScript module through it.
 */
export function resolveTsx(moduleFile: string, cwd: string): string | undefined {
  const manifest = resolveFrom("tsx/package.json", [moduleFile, join(cwd, "package.json")]);
  if (!manifest) return undefined;
  const api = JSON.parse(readFileSync(manifest, "utf8")).exports?.["./esm/api"]?.import;
  const target = typeof api === "string" ? api : api?.default;
  return typeof target === "string" ? pathToFileURL(join(dirname(manifest), target)).href : undefined;
}

function resolveFrom(specifier: string, parents: string[]): string | null {
  for (const parent of parents) {
    try {
      return createRequire(parent).resolve(specifier);
    } catch {
      // not reachable from here: try the next
    }
  }
  return null;
}
