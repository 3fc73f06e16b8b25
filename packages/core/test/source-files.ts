// Core's source as a graph, for the structure tests: every .ts file under src/ (by its path from
// src/) and the files each one imports.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const srcDir = fileURLToPath(new URL("../src/", import.meta.url));

/** Every source file, as a path from src/ with forward slashes ("parent/pool.ts"). */
export function sourceFiles(): string[] {
  return (readdirSync(srcDir, { recursive: true }) as string[])
    .map((f) => f.replaceAll("\\", "/"))
    .filter((f) => f.endsWith(".ts"));
}

/** A file's code without its comments (comments may well speak of process.exit() or Deno). */
export function codeOf(file: string): string {
  return readFileSync(join(srcDir, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
}

/**
 * The source files `file` imports or re-exports, as paths from src/: all of them, or with
 * `types: false` only those that load at run time (not `import type` / `export type`).
 */
export function importsOf(file: string, { types = true } = {}): string[] {
  const code = codeOf(file);
  return [...code.matchAll(/(import|export)\s+(type\s)?[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g)]
    .filter((m) => types || m[2] === undefined)
    .map((m) => normalize(join(dirname(file), m[3] as string)).replaceAll("\\", "/"));
}
