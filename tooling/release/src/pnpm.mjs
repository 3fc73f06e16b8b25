// pnpm as the workspace pins it (root package.json "packageManager"), through npx, so the release
// uses the same pnpm on every machine whatever is installed globally.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./run.mjs";

/** A function running `pnpm <args>` in `cwd` with the version `root` pins; see run() for options. */
export function pinnedPnpm(root) {
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  if (!/^pnpm@\d/.test(packageManager ?? "")) {
    throw new Error(
      `root package.json must pin pnpm in "packageManager", not ${JSON.stringify(packageManager)}`,
    );
  }
  const spec = packageManager.split("+")[0]; // drop a "+sha…" integrity suffix
  return (args, cwd, options = {}) => run("npx", ["-y", spec, ...args], { ...options, cwd });
}
