// The checks a release must pass before anything is published. Each returns problems as
// sentences; an empty list means the release is what the changesets asked for.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Bump, bumpVersion, compareVersions, type PlannedRelease } from "./changesets.ts";
import { readJson } from "./packages.ts";

const dependencyFields = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];

/** Package name → version. */
export type Versions = Record<string, string>;

/**
 * Each package's version moved as the changesets say: exactly changesets' plan, and at least the
 * highest bump the changeset files name it with (a dependent may be bumped beyond that).
 */
export function checkVersions({
  packages,
  before,
  after,
  plan,
  named,
}: {
  packages: { name: string }[];
  before: Versions;
  after: Versions;
  plan: PlannedRelease[];
  named: Map<string, Bump>;
}): string[] {
  const problems: string[] = [];
  for (const { name } of packages) {
    const [was, now] = [before[name] ?? "", after[name] ?? ""];
    const planned = plan.find((release) => release.name === name)?.newVersion ?? was;
    if (now !== planned) {
      problems.push(`${name}: version is ${now}, changesets planned ${planned}`);
    }
    const floor = bumpVersion(was, named.get(name) ?? "none");
    if (compareVersions(now, floor) < 0) {
      problems.push(
        `${name}: version ${now} is below ${floor}, the ${named.get(name)} bump its changesets name`,
      );
    }
  }
  return problems;
}

/** A packed package.json: its own new version, no workspace: range, sibling packages at their new versions. */
export function checkPackedManifest(manifest: Record<string, unknown>, versions: Versions): string[] {
  const problems: string[] = [];
  const name = String(manifest.name);
  if (manifest.version !== versions[name]) {
    problems.push(`${name}: packed version ${manifest.version}, expected ${versions[name]}`);
  }
  for (const field of dependencyFields) {
    const ranges = (manifest[field] ?? {}) as Record<string, unknown>;
    for (const [dependency, range] of Object.entries(ranges)) {
      if (String(range).startsWith("workspace:")) {
        problems.push(`${name}: ${field}.${dependency} is still "${range}"`);
      } else if (dependency in versions && !admits(field, String(range), versions[dependency] as string)) {
        problems.push(
          `${name}: ${field}.${dependency} is "${range}", not the new version ${versions[dependency]}`,
        );
      }
    }
  }
  const otherFields = Object.entries(manifest).filter(([field]) => !dependencyFields.includes(field));
  if (JSON.stringify(otherFields).includes('"workspace:')) {
    problems.push(`${name}: the packed package.json still holds a "workspace:" value`);
  }
  return problems;
}

/**
 * Whether a packed range takes the sibling's new version: `V`, `^V` or `~V` for any field; for a
 * peer, also a span `>=A <B` that holds V (the adapters' peers are ranged ">=0.0.0 <1", so that
 * a minor release of one does not push its dependents to 1.0.0).
 */
function admits(field: string, range: string, version: string): boolean {
  if (range.replace(/^[\^~]/, "") === version) return true;
  const span = /^>=\s*(\d+(?:\.\d+){0,2})(?:\s+<\s*(\d+(?:\.\d+){0,2}))?$/.exec(range);
  if (field !== "peerDependencies" || !span) return false;
  const full = (v: string) => [...v.split("."), "0", "0"].slice(0, 3).join(".");
  const [, low, high] = span;
  return (
    compareVersions(version, full(low as string)) >= 0 &&
    (high === undefined || compareVersions(version, full(high)) < 0)
  );
}

/** Each jsr.json carries its package.json's version. */
export function checkJsrVersions(packages: { name: string; dir: string }[]): string[] {
  const problems: string[] = [];
  for (const { name, dir } of packages) {
    const file = join(dir, "jsr.json");
    if (!existsSync(file)) continue;
    const versionIn = (path: string) => (readJson(path) as { version?: string }).version;
    const [jsr, npm] = [versionIn(file), versionIn(join(dir, "package.json"))];
    if (jsr !== npm) problems.push(`${name}: jsr.json has version ${jsr}, package.json ${npm}`);
  }
  return problems;
}
