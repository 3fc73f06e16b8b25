// Runs the chaos driver on one runtime (from Node: the test and bin/chaos.mjs use it), reads its
// summary, and after it ends looks for worker processes that outlived it.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { selectRuntimes } from "../../runtimes/src/runtimes.mjs";
import { describePids } from "./children.mjs";
import { readStartLog } from "./start-log.mjs";

const driver = fileURLToPath(new URL("./driver.mjs", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const keptOutput = 16_000;

/**
 * @typedef {object} ChaosRun
 * @property {string} runtime     the runtime's id (node20, deno, bun, …)
 * @property {"thread" | "process"} kind
 * @property {Record<string, any> | undefined} summary   the driver's CHAOS-SUMMARY, when it printed one
 * @property {number | null} exitCode
 * @property {string | null} signal
 * @property {boolean} killedByGuard   the driver outlived its hang guard and was killed
 * @property {string[]} orphans   worker processes still alive after the driver ended
 * @property {string} stderrTail
 */

/**
 * @param {{ runtime: string, kind: "thread" | "process", tasks: number, seed: number, workers?: number }} options
 * @returns {Promise<ChaosRun>}
 */
export async function runDriver({ runtime: id, kind, tasks, seed, workers = 3 }) {
  const [runtime] = selectRuntimes([id]);
  const log = join(tmpdir(), `multiproc-chaos-${id}-${kind}-${process.pid}-${seed}.log`);
  const deadline = 60_000 + tasks * 30;
  const args = ["--tasks", tasks, "--kind", kind, "--seed", seed, "--workers", workers, "--log", log];
  const child = spawn(
    runtime.binary,
    runtime.argv(driver, args.map(String).concat("--deadline", String(deadline))),
    {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text) => {
    stdout += text;
  });
  child.stderr.setEncoding("utf8").on("data", (text) => {
    stderr = (stderr + text).slice(-keptOutput);
  });
  // The driver has its own deadline; this one is for a driver that cannot even report.
  let killedByGuard = false;
  const guard = setTimeout(() => {
    killedByGuard = true;
    child.kill("SIGKILL");
  }, deadline + 30_000);
  const [exitCode, signal] = await new Promise((resolve) => child.once("close", (...end) => resolve(end)));
  clearTimeout(guard);

  const orphans = await workersStillAlive(log);
  rmSync(log, { force: true });
  const line = stdout.split("\n").find((l) => l.startsWith("CHAOS-SUMMARY "));
  return {
    runtime: id,
    kind,
    summary: line ? JSON.parse(line.slice("CHAOS-SUMMARY ".length)) : undefined,
    exitCode,
    signal,
    killedByGuard,
    orphans,
    stderrTail: stderr,
  };
}

/**
 * Worker processes that logged a start and still run, now that the driver is gone (the process
 * entry's name in their command line guards against a recycled pid). They are killed here, so one
 * bad run does not burden the next.
 */
async function workersStillAlive(log) {
  const { loadedPids } = readStartLog(log);
  const alive = (await describePids([...loadedPids])).filter((line) => line.includes("process-entry"));
  for (const line of alive) {
    try {
      process.kill(Number.parseInt(line, 10), "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  return alive;
}
