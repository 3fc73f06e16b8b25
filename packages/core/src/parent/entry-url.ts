// Where an adapter's worker entry file is: beside the module asking, with that module's own
// extension, so the same line finds `thread-entry.js` in a built package and `thread-entry.ts`
// when a runtime runs the source as it is.

/** The URL of `name` (no extension) in the folder of `from` (an import.meta.url), with its extension. */
export function entryBeside(from: string, name: string): URL {
  const path = new URL(from).pathname;
  const extension = /\.[cm]?[jt]s$/.exec(path)?.[0] ?? ".js";
  return new URL(`./${name}${extension}`, from);
}
