// The dry run works on a clone of HEAD, so the working tree is never touched; the working tree's
// changesets are copied in, so those not yet committed count too.
import { copyFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./run.ts";

/** Clones `root`'s HEAD into `dest`; returns the commit. */
export function cloneHead(root: string, dest: string): string {
  run("git", ["clone", "--quiet", root, dest]);
  return run("git", ["rev-parse", "--short", "HEAD"], { cwd: dest }).trim();
}

/**
 * Makes the clone's .changeset/*.md exactly the working tree's (a changeset deleted but not yet
 * committed is gone from the clone too), plus `extra` ({ file name: text }); returns the names.
 */
export function mirrorChangesets(root: string, repo: string, extra: Record<string, string> = {}): string[] {
  const [from, to] = [join(root, ".changeset"), join(repo, ".changeset")];
  const isChangeset = (file: string) => file.endsWith(".md") && file !== "README.md";
  for (const file of readdirSync(to).filter(isChangeset)) rmSync(join(to, file));
  const names = readdirSync(from).filter(isChangeset);
  for (const file of names) copyFileSync(join(from, file), join(to, file));
  copyFileSync(join(from, "config.json"), join(to, "config.json"));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(to, file), text);
  return [...names, ...Object.keys(extra)].sort();
}
