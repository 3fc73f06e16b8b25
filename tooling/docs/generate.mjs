// Runs TypeDoc with typedoc.config.mjs: converts the packages' public entry points, checks that every
// public export has a TSDoc comment (and every {@link} resolves), writes the Markdown reference.
import { fileURLToPath } from "node:url";
import { Application, TSConfigReader, TypeDocReader } from "typedoc";

const config = fileURLToPath(new URL("./typedoc.config.mjs", import.meta.url));

/**
 * Generates the reference into `out` (emptied first) and returns how many problems TypeDoc found;
 * it prints each one, an undocumented export as "… does not have any documentation".
 */
export async function generateApiDocs(out) {
  const app = await Application.bootstrapWithPlugins({ options: config, out, logLevel: "Warn" }, [
    new TypeDocReader(),
    new TSConfigReader(),
  ]);
  const project = await app.convert();
  if (!project) return Math.max(1, app.logger.errorCount);
  app.validate(project);
  await app.generateOutputs(project);
  return app.logger.errorCount + app.logger.warningCount;
}
