// pnpm as the workspace pins it (root package.json "packageManager"), through npx, so the release
// uses the same pnpm on every machine whatever is installed globally.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type RunOptions, run } from "./run.ts";

/** Runs `pnpm <args>` in `cwd` and returns its stdout; see run() for the options. */
export type Pnpm = (args: string[], cwd: string, options?: Omit<RunOptions, "cwd">) => string;

/** A function running `pnpm <args>` in `cwd` with the version `root` pins. */
export function pinnedPnpm(root: string): Pnpm {
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    packageManager?: string;
  };
  if (!packageManager || !/^pnpm@\d/.test(packageManager)) {
    throw new Error(
      `root package.json must pin pnpm in "packageManager", not ${JSON.stringify(packageManager)}`,
    );
  }
  const spec = packageManager.split("+")[0] ?? packageManager; // drop a "+sha…" integrity suffix
  return (args, cwd, options = {}) => run("npx", ["-y", spec, ...args], { ...options, cwd });
}
