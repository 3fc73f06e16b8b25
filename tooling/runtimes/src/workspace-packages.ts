// The package folders of a workspace, for the summary: pnpm-workspace.yaml's `packages` list, or
// else package.json's "workspaces". Patterns of the forms "dir", "dir/*" are read; others ("!x",
// "dir/**") are left out, which only leaves their reports out of the sum.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Package folders relative to `root`, in the order the patterns list them, each group sorted. */
export function workspacePackageDirs(root: string): string[] {
  const dirs: string[] = [];
  for (const pattern of workspacePatterns(root)) {
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const group = pattern.slice(0, -2);
      const groupDir = join(root, group);
      if (!existsSync(groupDir)) continue;
      const names = readdirSync(groupDir).filter((name) => statSync(join(groupDir, name)).isDirectory());
      dirs.push(...names.sort().map((name) => `${group}/${name}`));
    } else if (!/[*!]/.test(pattern)) dirs.push(pattern);
  }
  return [...new Set(dirs)];
}

function workspacePatterns(root: string): string[] {
  const yaml = join(root, "pnpm-workspace.yaml");
  if (existsSync(yaml)) return pnpmPackagesList(readFileSync(yaml, "utf8"));
  const manifest = join(root, "package.json");
  if (!existsSync(manifest)) return [];
  const { workspaces } = JSON.parse(readFileSync(manifest, "utf8")) as {
    workspaces?: string[] | { packages?: string[] };
  };
  return (Array.isArray(workspaces) ? workspaces : (workspaces?.packages ?? [])).map(trimSlash);
}

/** The items of the top-level `packages:` list, in a block list ("  - dir/*"). */
export function pnpmPackagesList(yaml: string): string[] {
  const patterns: string[] = [];
  let inList = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inList = true;
      continue;
    }
    if (!inList || /^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s+-\s+["']?([^"'#\s]+)["']?/.exec(line);
    if (!item?.[1]) break;
    patterns.push(trimSlash(item[1]));
  }
  return patterns;
}

function trimSlash(pattern: string): string {
  return pattern.replace(/^\.\//, "").replace(/\/$/, "");
}
