// The checks a release must pass before anything is published. Each returns problems as
// sentences; an empty list means the release is what the changesets asked for.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bumpVersion, compareVersions } from "./changesets.mjs";
import { readJson } from "./packages.mjs";

const dependencyFields = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];

/**
 * Each package's version moved as the changesets say: exactly changesets' plan, and at least the
 * highest bump the changeset files name it with (a dependent may be bumped beyond that).
 */
export function checkVersions({ packages, before, after, plan, named }) {
  const problems = [];
  for (const { name } of packages) {
    const planned = plan.find((release) => release.name === name)?.newVersion ?? before[name];
    if (after[name] !== planned) {
      problems.push(`${name}: version is ${after[name]}, changesets planned ${planned}`);
    }
    const floor = bumpVersion(before[name], named.get(name) ?? "none");
    if (compareVersions(after[name], floor) < 0) {
      problems.push(
        `${name}: version ${after[name]} is below ${floor}, the ${named.get(name)} bump its changesets name`,
      );
    }
  }
  return problems;
}

/** A packed package.json: its own new version, no workspace: range, sibling packages at their new versions. */
export function checkPackedManifest(manifest, versions) {
  const problems = [];
  const name = manifest.name;
  if (manifest.version !== versions[name]) {
    problems.push(`${name}: packed version ${manifest.version}, expected ${versions[name]}`);
  }
  for (const field of dependencyFields) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) {
        problems.push(`${name}: ${field}.${dependency} is still "${range}"`);
      } else if (dependency in versions && String(range).replace(/^[\^~]/, "") !== versions[dependency]) {
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

/** Each jsr.json carries its package.json's version. */
export function checkJsrVersions(packages) {
  const problems = [];
  for (const { name, dir } of packages) {
    const file = join(dir, "jsr.json");
    if (!existsSync(file)) continue;
    const [jsr, npm] = [readJson(file).version, readJson(join(dir, "package.json")).version];
    if (jsr !== npm) problems.push(`${name}: jsr.json has version ${jsr}, package.json ${npm}`);
  }
  return problems;
}
