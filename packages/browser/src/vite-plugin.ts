/**
 * A Vite plugin for task modules: `import tasks from "./tasks.js?task-module"` gives the URL of
 * the task module, bundled with its own imports and its exports kept (Vite's `?worker&url` drops
 * a worker's exports, and `new URL("./tasks.js", import.meta.url)` ships the file unbundled, so its
 * imports by package name cannot load in a Web Worker). In `vite dev`, the URL of the module as
 * Vite serves it.
 *
 * ```js
 * // vite.config.js
 * import { taskModules } from "@multiproc/browser/vite";
 * export default { plugins: [taskModules()] };
 * ```
 *
 * @module @multiproc/browser/vite
 */

const SUFFIX = "?task-module";
const PREFIX = "\0multiproc-task-module:";

/** What this plugin uses of Vite's (and Rollup's) plugin context; Vite itself is not imported. */
interface PluginContext {
  resolve(
    source: string,
    importer: string | undefined,
    options: { skipSelf: boolean },
  ): Promise<{ id: string } | null>;
  emitFile(file: { type: "chunk"; id: string; preserveSignature: "strict" }): string;
}

/** A Vite plugin (the shape Vite takes; typed here without depending on Vite). */
export interface TaskModulesPlugin {
  /** The plugin's name, for Vite's messages. */
  name: string;
  /** Runs before Vite's own resolver, which would take the query for a file's. */
  enforce: "pre";
  /** Learns whether this is `vite build` or `vite dev`. */
  configResolved(config: { command: "build" | "serve" }): void;
  /** Takes `…?task-module` imports. */
  resolveId(this: PluginContext, source: string, importer: string | undefined): Promise<string | null>;
  /** Gives a taken import's code: `export default` the task module's URL. */
  load(this: PluginContext, id: string): string | null;
}

/** The plugin: `?task-module` imports become the URL of the bundled task module. */
export function taskModules(): TaskModulesPlugin {
  let command: "build" | "serve" = "build";
  return {
    name: "multiproc-task-modules",
    enforce: "pre",
    configResolved(config) {
      command = config.command;
    },
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length);
      // vite dev serves any allowed file at /@fs/<absolute path>, transformed (imports resolved).
      const served = `/@fs${file.startsWith("/") ? "" : "/"}${file}`; // C:/… on Windows
      if (command === "serve")
        return `export default new URL(${JSON.stringify(served)}, location.href).href;`;
      // A chunk of its own, exports kept; the importer gets its final URL.
      const ref = this.emitFile({ type: "chunk", id: file, preserveSignature: "strict" });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
