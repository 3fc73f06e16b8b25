// Registers tsx's ESM hooks in a worker, for a TypeScript task module on Node 20 (see
// import-task-module.ts, which loads this file only then).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

let registered: Promise<void> | undefined;

/** Registers tsx once, found from the task module or else from multiproc itself. */
export function registerTsx(taskModule: string): Promise<void> {
  registered ??= (async () => {
    const api = findTsxEsmApi(taskModule) ?? findTsxEsmApi(import.meta.url);
    if (!api) {
      throw new Error(
        `${taskModule} is TypeScript and Node ${process.version} cannot load it by itself: install tsx (npm i -D tsx) or use Node 22.18 or later`,
      );
    }
    const { register } = (await import(pathToFileURL(api).href)) as { register(): unknown };
    register();
  })();
  return registered;
}

/**
 * The ESM entry of `tsx/esm/api` as seen from `from`, read from tsx's export map (Node 20's
 * import.meta.resolve takes no parent; its CommonJS twin cannot register the ESM hooks).
 */
function findTsxEsmApi(from: string): string | undefined {
  let manifest: string;
  try {
    manifest = createRequire(from).resolve("tsx/package.json");
  } catch {
    return undefined;
  }
  const exports = JSON.parse(readFileSync(manifest, "utf8")).exports?.["./esm/api"];
  const target = exports?.import?.default ?? exports?.import;
  return typeof target === "string" ? join(dirname(manifest), target) : undefined;
}
