// Worker side, loaded only when a task module failed to load (or loaded with no function export):
// says what to do where Node's own error does not. npm's default package.json ("type":
// "commonjs") makes Node read an ES module as CommonJS, and the errors it gives then ("Unexpected
// token 'export'", "Cannot require() ES Module … in a cycle" through tsx) do not say that.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LASTING_IMPORT_FAILURE } from "@multiproc/core/worker";

/** Errors Node gives for an ES module read as CommonJS. */
const READ_AS_COMMONJS =
  /Unexpected token '?export'?|Cannot use import statement outside a module|Cannot require\(\) ES Module|require\(\) of ES Module|exports is not defined in ES module scope/;

/** The error to report for `url`'s failed import: `error`, or a clear one with it as the cause. */
export function explainImportError(url: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!READ_AS_COMMONJS.test(message)) return error;
  const where = whyCommonJs(url);
  if (where === undefined) return error;
  return lasting(
    `${fileURLToPath(url)} is an ES module, read as CommonJS (${where}): add "type": "module" to package.json, or name the file .mts`,
    error,
  );
}

/**
 * The error to report for a module that loaded with no function export at all, or undefined. Under
 * a loader that compiles TypeScript to CommonJS (tsx started with the program: `tsx main.ts`,
 * `--import tsx`), an ES module in a "commonjs" package loads without error, but its exports hide
 * behind getters Node cannot see: every call would say the module has no such export.
 */
export function explainNoFunctionExports(url: string): Error | undefined {
  const where = whyCommonJs(url);
  if (where === undefined) return undefined;
  return lasting(
    `${fileURLToPath(url)} exports no function as Node read it, as CommonJS (${where}): if it is an ES module, add "type": "module" to package.json, or name the file .mts`,
  );
}

/** Why Node reads the file at `url` as CommonJS, or undefined when it reads it as an ES module. */
function whyCommonJs(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const file = fileURLToPath(url);
  if (!/\.(ts|tsx|js|jsx)$/.test(file)) return undefined; // .mts, .mjs: ES modules whatever package.json says
  const manifest = nearestPackageJson(dirname(file));
  if (manifest && readType(manifest) === "module") return undefined;
  return manifest ? `${manifest} has no "type": "module"` : "no package.json says it is one";
}

/** An import failure no other start would undo: the pool fails its calls at once. */
function lasting(message: string, cause?: unknown): Error {
  const error = cause === undefined ? new Error(message) : new Error(message, { cause });
  return Object.assign(error, { code: LASTING_IMPORT_FAILURE });
}

function nearestPackageJson(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function readType(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown }).type;
  } catch {
    return undefined;
  }
}
