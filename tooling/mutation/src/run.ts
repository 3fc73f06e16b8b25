// Mutation testing of @multiproc/core: installs StrykerJS into a temp folder (never into the
// workspace), copies core's src and test beside it, runs Stryker there on Node 24 (Stryker 10
// needs Node >= 22) and prints the score per file. Extra arguments go to `stryker run`
// (e.g. --concurrency 1, --mutate src/scheduler.ts). See README.md.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { node24Installed, node24Path } from "@multiproc/node24";
import { strykerOptions } from "./stryker-options.ts";
import { type MutationReport, summarize } from "./summary.ts";

// This file runs as tooling/mutation/dist/run.js.
const root = fileURLToPath(new URL("../../../", import.meta.url));
const args = process.argv.slice(2);
/** Takes `--name value` out of the arguments (the rest go to Stryker). */
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
// Where Stryker is installed and runs (default: a folder in the system's temp dir).
const dir = option("--dir") ?? join(tmpdir(), "multiproc-mutation");
// Another copy of core (its src and test) may be named, e.g. to score an older test suite.
const core = option("--core") ?? join(root, "packages", "core");
const summaryFile = option("--summary");
const work = join(dir, "core");

install();
copyCore();
const config = join(work, "stryker.config.json");
writeFileSync(config, `${JSON.stringify(strykerOptions, null, 2)}\n`);
const stryker = join(dir, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
const run = spawnSync(node24(), [stryker, "run", config, ...args], { cwd: work, stdio: "inherit" });
const report = join(work, "reports", "mutation", "mutation.json");
if (existsSync(report)) {
  const markdown = summarize(JSON.parse(readFileSync(report, "utf8")) as MutationReport);
  console.log(`\n${markdown}\nFull report: ${join(work, "reports", "mutation", "mutation.html")}`);
  if (summaryFile) writeFileSync(summaryFile, markdown);
}
process.exit(run.status ?? 1);

/** Stryker, its vitest runner, and the test dependencies of core, in `dir` (once). */
function install(): void {
  const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
  const dev = readJson(join(core, "package.json")).devDependencies as Record<string, string>;
  const vitest = readJson(join(root, "node_modules", "vitest", "package.json")).version as string;
  const packages: Record<string, string | undefined> = {
    "@stryker-mutator/core": "10",
    "@stryker-mutator/vitest-runner": "10",
    vitest, // the workspace's version, so core's tests run as they do there
    "fast-check": dev["fast-check"],
  };
  const missing = Object.keys(packages).some(
    (name) => !existsSync(join(dir, "node_modules", name, "package.json")),
  );
  if (!missing) return;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, "package.json")))
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  const specs = Object.entries(packages).map(([name, version]) => `${name}@${version}`);
  console.log(`installing ${specs.join(" ")} into ${dir}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const done = spawnSync(npm, ["install", "--no-audit", "--no-fund", ...specs], {
    cwd: dir,
    stdio: "inherit",
  });
  if (done.status !== 0) process.exit(done.status ?? 1);
}

/** A fresh copy of core's sources and tests: Stryker mutates this one, never the workspace. */
function copyCore(): void {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const part of ["src", "test", "package.json"])
    cpSync(join(core, part), join(work, part), { recursive: true });
}

/** Node 24 from tooling/node24, or this Node if it is new enough. */
function node24(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  if (!node24Installed) {
    console.error(
      "Stryker 10 needs Node >= 22: install the workspace (tooling/node24) or run this with Node 22+",
    );
    process.exit(1);
  }
  return node24Path;
}
