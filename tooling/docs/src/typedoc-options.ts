// TypeDoc settings for docs/api/: one Markdown page per public entry point (each package.json
// "exports" subpath), readable on GitHub, identical from run to run. Paths are relative to the
// workspace root, where api.ts runs TypeDoc.
import type { TypeDocOptions } from "typedoc";
import type { PluginOptions } from "typedoc-plugin-markdown";

export const typedocOptions: Partial<TypeDocOptions & PluginOptions> = {
  name: "multiproc",
  tsconfig: "tooling/docs/tsconfig.typedoc.json",
  // Each file names its page with a `@module` tag (`@multiproc/core/adapter`, …).
  entryPoints: [
    "packages/core/src/index.ts",
    "packages/core/src/adapter-api.ts",
    "packages/core/src/worker-api.ts",
    "packages/core/src/in-process-api.ts",
    "packages/core/src/task-api.ts",
    "packages/node/src/index.ts",
    "packages/node/src/adapter-subpath.ts",
    "packages/node/src/tinypool.ts",
    "packages/deno/src/index.ts",
    "packages/deno/src/adapter-subpath.ts",
    "packages/bun/src/index.ts",
    "packages/bun/src/adapter-subpath.ts",
    "packages/browser/src/index.ts",
    "packages/browser/src/adapter-subpath.ts",
    "packages/browser/src/vite-plugin.ts",
    "packages/conformance/src/index.ts",
    "packages/bullmq/src/index.ts",
    "packages/auto/src/index.ts",
    "packages/auto/src/errors.ts",
    "packages/bench/src/index.ts",
  ],
  out: "docs/api",
  plugin: ["typedoc-plugin-markdown"],
  readme: "tooling/docs/intro.md",
  mergeReadme: true,

  // Type errors are typecheck's business (and tsc does not know Deno's globals).
  skipErrorChecking: true,
  // Source links would carry the git revision, and change with every commit.
  disableSources: true,
  // Members inherited from the platform (Error.captureStackTrace, …) are its docs, not ours.
  excludeExternals: true,

  // Every public export needs a comment; the default asks it only of the root package. (notExported
  // looks only at the root package, the private monorepo here, so it would check nothing.)
  validation: { notDocumented: true, invalidLink: true, notExported: false },
  packagesRequiringDocumentation: [
    "@multiproc/core",
    "@multiproc/node",
    "@multiproc/deno",
    "@multiproc/bun",
    "@multiproc/browser",
    "@multiproc/conformance",
    "@multiproc/bullmq",
    "@multiproc/auto",
    "@multiproc/bench",
  ],

  // Markdown layout: a page per entry point, named without the scope (core/adapter.md).
  outputFileStrategy: "modules",
  excludeScopesInPaths: true,
  hidePageHeader: true,
  useCodeBlocks: true,
  parametersFormat: "table",
  interfacePropertiesFormat: "table",
  classPropertiesFormat: "table",
  typeDeclarationFormat: "table",
};
