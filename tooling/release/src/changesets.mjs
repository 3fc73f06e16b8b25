// What the changesets ask for, read two ways: from the .md files themselves (the highest bump
// each package is named with), and as changesets' own plan (`changeset status --output`), which
// also counts dependents. The release is checked against both.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { readJson } from "./packages.mjs";

const order = ["none", "patch", "minor", "major"];

/** @returns {Map<string, "none" | "patch" | "minor" | "major">} package name → highest bump named */
export function namedBumps(changesetDir) {
  const bumps = new Map();
  for (const file of readdirSync(changesetDir)) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const text = readFileSync(join(changesetDir, file), "utf8");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const line of front.split(/\r?\n/)) {
      const match = /^\s*["']?([^"':]+)["']?\s*:\s*(none|patch|minor|major)\s*$/.exec(line);
      if (!match) continue;
      const [, name, type] = match;
      if (order.indexOf(type) > order.indexOf(bumps.get(name) ?? "none")) bumps.set(name, type);
    }
  }
  return bumps;
}

/** changesets' plan: [{ name, type, oldVersion, newVersion }], from `changeset status` in `repo`. */
export function releasePlan(repo, pnpm) {
  const file = "release-plan.json";
  pnpm(["exec", "changeset", "status", `--output=${file}`], repo);
  try {
    return readJson(join(repo, file)).releases;
  } finally {
    rmSync(join(repo, file), { force: true });
  }
}

/** `version` after a bump of `type`; plain x.y.z only (pre-release mode is not used here). */
export function bumpVersion(version, type) {
  const parts = parseVersion(version);
  if (type === "major") return `${parts[0] + 1}.0.0`;
  if (type === "minor") return `${parts[0]}.${parts[1] + 1}.0`;
  if (type === "patch") return `${parts[0]}.${parts[1]}.${parts[2] + 1}`;
  return version;
}

/** Negative, zero or positive, as `a` is below, equal to or above `b` (plain x.y.z). */
export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function parseVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`version "${version}" is not plain x.y.z`);
  return match.slice(1).map(Number);
}
