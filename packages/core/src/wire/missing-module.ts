// A task module that cannot load as it is, as each runtime says it: not there, or (an adapter's
// word) read as the wrong kind of module. The worker adds what to do to its report, and the parent
// fails the calls at once: another start would fail the same way.
import type { SerializedError } from "./serialized-error.ts";

/** The `code` an adapter gives an import error that no other start would undo (see isLastingImportFailure). */
export const LASTING_IMPORT_FAILURE = "ERR_MULTIPROC_LASTING_IMPORT_FAILURE";

/** Whether an import's error says the module (or one it imports) does not exist: Node, Deno and Bun alike. */
export function isMissingModule(error: SerializedError): boolean {
  return error.code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Module not found/i.test(error.message);
}

/** Whether an import failed for good: the module is missing, or its adapter says so (LASTING_IMPORT_FAILURE). */
export function isLastingImportFailure(error: SerializedError): boolean {
  return error.code === LASTING_IMPORT_FAILURE || isMissingModule(error);
}

/**
 * What to do about a missing module, when its URL says more: a `.ts` file under `dist/` is a
 * compiled program (tsc) whose `new URL("./tasks.ts", import.meta.url)` now points at a source
 * file the build does not copy.
 */
export function missingModuleHint(url: string): string {
  const path = url.split(/[?#]/, 1)[0] as string; // a URL's path, without parsing what may be no URL
  if (/\/dist\/[^/]*\.[mc]?ts$/.test(path)) {
    return ' (a program compiled to dist/ still names the .ts source: point `module` at the compiled file, new URL("./tasks.js", import.meta.url), or keep the task module outside the build)';
  }
  return "";
}
