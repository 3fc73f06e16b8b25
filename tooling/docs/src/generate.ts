// Runs TypeDoc with typedoc-options.ts: converts the packages' public entry points, checks that
// every public export has a TSDoc comment (and every {@link} resolves), writes the Markdown reference.
import { Application, TSConfigReader } from "typedoc";
import { typedocOptions } from "./typedoc-options.ts";

/**
 * Generates the reference into `out` (emptied first) and returns how many problems TypeDoc found;
 * it prints each one, an undocumented export as "… does not have any documentation". Run from
 * the workspace root: the options' paths are relative to it.
 */
export async function generateApiDocs(out: string): Promise<number> {
  const app = await Application.bootstrapWithPlugins({ ...typedocOptions, out, logLevel: "Warn" }, [
    new TSConfigReader(),
  ]);
  const project = await app.convert();
  if (!project) return Math.max(1, app.logger.errorCount);
  app.validate(project);
  await app.generateOutputs(project);
  return app.logger.errorCount + app.logger.warningCount;
}
