// Worker side, loaded only when a task module failed to load: says what to do where Node's own
// error does not. npm's default package.json ("type": "commonjs") makes Node read an ES module
// as CommonJS, and the errors it gives then ("Unexpected token 'export'", "Cannot require() ES
// Module … in a cycle" through tsx) do not say that.
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
  if (!url.startsWith("file:") || !READ_AS_COMMONJS.test(message)) return error;
  const file = fileURLToPath(url);
  if (!/\.(ts|tsx|js|jsx)$/.test(file)) return error; // .mts, .mjs: ES modules whatever package.json says
  const manifest = nearestPackageJson(dirname(file));
  const type = manifest ? readType(manifest) : undefined;
  if (type === "module") return error;
  const where = manifest ? `${manifest} has no "type": "module"` : "no package.json says it is one";
  const explained = new Error(
    `${file} is an ES module, read as CommonJS (${where}): add "type": "module" to package.json, or name the file .mts`,
    { cause: error },
  );
  // No other start would read it otherwise: the pool fails its calls at once.
  return Object.assign(explained, { code: LASTING_IMPORT_FAILURE });
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
