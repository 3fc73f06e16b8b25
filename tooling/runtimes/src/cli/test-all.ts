// The workspace's test command: every package's tests on each of its runtimes (through turbo,
// one package at a time so timing-sensitive worker tests do not fight over 2 cores), then the
// sum of all of them and the time each took. Exits non-zero when any test or any run failed.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { workspaceRoot } from "../runtimes.ts";

const started = performance.now();
const turbo = spawnSync(
  "node_modules/.bin/turbo",
  ["run", "test", "--concurrency=1", "--continue", ...process.argv.slice(2)],
  { cwd: workspaceRoot, stdio: "inherit", env: { TURBO_TELEMETRY_DISABLED: "1", ...process.env } },
);
const wall = ((performance.now() - started) / 1000).toFixed(1);
const summarize = fileURLToPath(new URL("./summarize.js", import.meta.url));
const summary = spawnSync(process.execPath, [summarize, `--wall=${wall}`], { stdio: "inherit" });
process.exit(turbo.status === 0 && summary.status === 0 ? 0 : 1);
