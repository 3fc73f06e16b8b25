// The workspace's test command: every package's `test` script (multiproc-test: its suite on each
// of its runtimes), two packages at a time by default, longest first; then the sum of all of them
// and the time each took. Exits non-zero when any test or any run failed. `pnpm test` builds first.
//   --lanes=N (or MULTIPROC_TEST_LANES=N): packages at a time; 1 runs them one by one, streamed.
//   --filter=NAME (repeatable): only these packages, by name (@multiproc/core) or folder (packages/core).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { knownRuntimeIds, workspaceRoot } from "../runtimes.ts";
import { laneCount, longestFirst, runInLanes, type Suite } from "../test-lanes.ts";
import { readTiming, timingFile } from "../timing.ts";
import { workspacePackageDirs } from "../workspace-packages.ts";

const args = process.argv.slice(2);
const unknown = args.filter((a) => !/^--(lanes|filter)=./.test(a));
if (unknown.length > 0) {
  console.error(`test-all: unknown argument ${unknown.join(" ")}; it takes --lanes=N and --filter=NAME`);
  process.exit(2);
}
const argValues = (name: string) =>
  args.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.split("=")[1] ?? "");
let lanes: number;
try {
  lanes = laneCount(argValues("lanes").at(-1), process.env.MULTIPROC_TEST_LANES, 2);
} catch (error) {
  console.error(`test-all: ${(error as Error).message}`);
  process.exit(2);
}
const filters = argValues("filter");

// Seconds of a package's last run here, else the estimate committed in .ci/test-seconds.json
// (a fresh clone has no last run), else a minute: only the order depends on it.
const estimates = readEstimates(join(workspaceRoot, ".ci", "test-seconds.json"));
const suites: Suite[] = workspacePackageDirs(workspaceRoot).flatMap((dir) => {
  const manifest = join(workspaceRoot, dir, "package.json");
  if (!existsSync(manifest)) return [];
  const { name = dir, scripts } = JSON.parse(readFileSync(manifest, "utf8")) as {
    name?: string;
    scripts?: Record<string, string>;
  };
  if (!scripts?.test) return [];
  if (filters.length > 0 && !filters.includes(name) && !filters.includes(dir)) return [];
  return [{ dir, name, seconds: lastSeconds(dir) ?? estimates[dir] ?? 60 }];
});
// A filter that names no package would run nothing and summarize earlier runs' results as this one's.
if (filters.length > 0 && suites.length === 0) {
  const known = workspacePackageDirs(workspaceRoot).join(", ");
  console.error(
    `test-all: --filter=${filters.join(",")} names no package with a test script (give a name such as @multiproc/core, or a folder: ${known})`,
  );
  process.exit(2);
}

const started = performance.now();
let failed = 0;
await runInLanes(longestFirst(suites), lanes, async (suite) => {
  if (!(await runSuite(suite))) failed++;
});
const wall = ((performance.now() - started) / 1000).toFixed(1);
const summarize = fileURLToPath(new URL("./summarize.js", import.meta.url));
const summary = spawnSync(process.execPath, [summarize, `--wall=${wall}`], { stdio: "inherit" });
process.exit(failed === 0 && summary.status === 0 ? 0 : 1);

/**
 * The package's `test` script, as `pnpm run test` would start it; true when it passed. With one
 * lane its output streams; with more, each package's output is printed whole when it ends, so
 * that two packages' lines never interleave.
 */
function runSuite(suite: Suite): Promise<boolean> {
  const cwd = join(workspaceRoot, suite.dir);
  const bins = [join(cwd, "node_modules", ".bin"), join(workspaceRoot, "node_modules", ".bin")];
  const env = { ...process.env, PATH: [...bins, process.env.PATH ?? ""].join(delimiter) };
  const streamed = lanes === 1;
  console.log(`▶ ${suite.name}: test${streamed ? "" : " (its output follows when it ends)"}`);
  // The script is a shell command, as in package.json; shell: true runs it with /bin/sh -c.
  const child = spawn(readScript(cwd), {
    cwd,
    env,
    shell: true,
    stdio: streamed ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  const output: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
  const t0 = performance.now();
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      const ok = code === 0;
      if (!streamed) {
        const prefix = `${suite.name}: `;
        const text = Buffer.concat(output).toString("utf8").replace(/\n$/, "");
        if (text) console.log(text.replace(/^/gm, prefix));
      }
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(
        `${ok ? "✓" : "✗"} ${suite.name}: test ${ok ? "passed" : `failed (${code ?? signal})`}, ${seconds}s`,
      );
      resolve(ok);
    });
  });
}

function readScript(cwd: string): string {
  return (JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { scripts: { test: string } })
    .scripts.test;
}

/** The sum of the package's last run's times, or null when it has none. */
function lastSeconds(dir: string): number | null {
  const results = join(workspaceRoot, dir, ".test-results");
  const times = knownRuntimeIds.map((id) => readTiming(timingFile(results, id)));
  const found = times.filter((t): t is number => t !== null);
  return found.length > 0 ? found.reduce((a, b) => a + b, 0) : null;
}

function readEstimates(file: string): Record<string, number> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, number>;
}
