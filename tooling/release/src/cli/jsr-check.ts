// pnpm jsr:check: would `deno publish` put correct packages on JSR? The manifests must match
// package.json, and Deno's own dry run (type check, slow types, file list, import rewriting) must
// pass, ship every worker entry file and no tests, fixtures or builds.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type DryRunReport, dryRun } from "../jsr-dry-run.ts";
import { type Manifest, readManifests } from "../jsr-manifests.ts";

// This file runs as tooling/release/dist/cli/jsr-check.js.
const root = fileURLToPath(new URL("../../../..", import.meta.url));
const started = performance.now();
const NOT_SHIPPED = /(^|\/)(test|tests|fixtures|dist|node_modules)\/|\.test\.tsx?$/;

console.log("jsr:check, method: deno publish --dry-run (offline) over the workspace's jsr.json files");
const { manifests, problems } = readManifests(root);
if (problems.length > 0) fail(problems);
for (const { where, jsr } of manifests) {
  console.log(`  ok ${where}: ${jsr.name}@${jsr.version}, exports ${Object.keys(jsr.exports).join(" ")}`);
}

const run = dryRun(root);
if (!run.ok) fail([`${run.command} failed:\n\n${run.report()}`]);
console.log(`  ok ${run.command}: type check, slow types, file lists`);

for (const manifest of manifests) problems.push(...checkPublished(manifest, run));
if (problems.length > 0) fail(problems);
console.log(`jsr:check passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

function checkPublished(
  { dir, where, jsr, workerEntries, importsWorkspace }: Manifest,
  run: DryRunReport,
): string[] {
  const published = run.packages.get(jsr.name);
  if (!published) return [`${where}: ${jsr.name} is missing from the dry run's packages`];
  if (published.version !== jsr.version) {
    return [`${where}: the dry run published ${jsr.name}@${published.version}, not ${jsr.version}`];
  }
  const files = published.files.map((file) => relative(dir, file).replaceAll("\\", "/"));
  const found: string[] = [];
  for (const entry of workerEntries) {
    if (!files.includes(entry)) found.push(`${where}: worker entry ${entry} would not be published`);
  }
  for (const file of files.filter((file) => NOT_SHIPPED.test(file) || file.startsWith("../"))) {
    found.push(`${where}: ${file} would be published (tests, fixtures and builds stay out)`);
  }
  // Workspace imports must become jsr: dependencies, which Deno does only when the imported
  // package has a jsr.json too. Otherwise they become npm: ones, and a JSR user gets a second,
  // built copy of core beside jsr:@multiproc/core: two sets of error classes, `instanceof` fails.
  const own = run.unfurled.filter((i) => !relative(dir, i.from).startsWith(".."));
  if (importsWorkspace && own.length === 0) {
    found.push(`${where}: the dry run's debug log named no rewritten import (did Deno's log change?)`);
  }
  for (const i of own.filter((i) => i.to.startsWith("npm:@multiproc/"))) {
    const target = i.specifier.split("/").slice(0, 2).join("/");
    found.push(
      `${where}: ${relative(dir, i.from)} imports ${i.specifier} as ${i.to}; ${target} needs a jsr.json`,
    );
  }
  const viaJsr = [...new Set(own.filter((i) => i.to.startsWith("jsr:")).map((i) => i.to))];
  const uses = viaJsr.length > 0 ? `, imports ${viaJsr.join(" ")}` : "";
  const entries = workerEntries.join(" ") || "none";
  if (found.length === 0)
    console.log(`  ok ${jsr.name}: ${files.length} files, worker entries ${entries}${uses}`);
  return found;
}

function fail(problems: string[]): never {
  console.error(`jsr:check failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
