// What every multiproc-build bundle shares (bundle-entries.ts, bundle-exports.ts): ES modules
// with chunks in dist/chunks/, for no runtime in particular, from the package's build tsconfig.
import type { BuildOptions } from "esbuild";

export const sharedSettings = {
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  format: "esm",
  // No runtime's own resolution or globals: node:* builtins are the only imports left.
  platform: "neutral",
  external: ["node:*"],
  target: "es2022",
  tsconfig: "tsconfig.build.json",
  sourcemap: "linked",
  allowOverwrite: true,
  // import.meta.url would name the bundle or a chunk, not the file a module was written in: a
  // use of it fails the build rather than have code look for its neighbours in the wrong folder.
  // (esbuild's parser sees only real uses, not the words in a string or a comment.)
  supported: { "import-meta": false },
  logOverride: { "empty-import-meta": "error" },
  logLevel: "warning",
  metafile: true,
} satisfies BuildOptions;
