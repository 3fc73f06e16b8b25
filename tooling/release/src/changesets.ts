// What the changesets ask for, read two ways: from the .md files themselves (the highest bump
// each package is named with), and as changesets' own plan (`changeset status --output`), which
// also counts dependents. The release is checked against both.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readJson } from "./packages.ts";
import type { Pnpm } from "./pnpm.ts";

/** A bump a changeset can ask for. */
export type Bump = "none" | "patch" | "minor" | "major";

/** One release of changesets' plan. */
export interface PlannedRelease {
  name: string;
  type: Bump;
  oldVersion: string;
  newVersion: string;
}

const order: Bump[] = ["none", "patch", "minor", "major"];
const isBump = (text: string): text is Bump => (order as string[]).includes(text);

/** Package name → the highest bump the changeset files in `changesetDir` name it with. */
export function namedBumps(changesetDir: string): Map<string, Bump> {
  const bumps = new Map<string, Bump>();
  for (const file of readdirSync(changesetDir)) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const text = readFileSync(join(changesetDir, file), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const line of front.split(/\r?\n/)) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(none|patch|minor|major)\s*$/.exec(line);
      const [, name, type] = match ?? [];
      if (!name || !type || !isBump(type)) continue;
      if (order.indexOf(type) > order.indexOf(bumps.get(name) ?? "none")) bumps.set(name, type);
    }
  }
  return bumps;
}

/** changesets' plan, from `changeset status` in `repo`. */
export function releasePlan(repo: string, pnpm: Pnpm): PlannedRelease[] {
  const file = "release-plan.json";
  pnpm(["exec", "changeset", "status", `--output=${file}`], repo);
  try {
    return (readJson(join(repo, file)) as { releases: PlannedRelease[] }).releases;
  } finally {
    rmSync(join(repo, file), { force: true });
  }
}

/** `version` after a bump of `type`; plain x.y.z only (pre-release mode is not used here). */
export function bumpVersion(version: string, type: Bump): string {
  const [major, minor, patch] = parseVersion(version);
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  if (type === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}

/** Negative, zero or positive, as `a` is below, equal to or above `b` (plain x.y.z). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function parseVersion(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`version "${version}" is not plain x.y.z`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
