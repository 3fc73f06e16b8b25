// Runs the chaos driver on one runtime (from Node: the test and bin/chaos.mjs use it), reads its
// summary, and after it ends looks for worker processes that outlived it.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { selectRuntimes } from "@multiproc/runtimes";
import { describePids } from "./children.ts";
import { readStartLog } from "./start-log.ts";
import type { ChaosSummary } from "./summary.ts";

// The built driver, which every runtime runs as it is (this file may be read from src/ or dist/).
const driver = fileURLToPath(new URL("../dist/driver.js", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const keptOutput = 16_000;

/** One driver run, as seen from outside. */
export interface ChaosRun {
  /** The runtime's id (node20, deno, bun, …). */
  runtime: string;
  kind: "thread" | "process";
  /** The driver's CHAOS-SUMMARY, when it printed one. */
  summary: ChaosSummary | undefined;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The driver outlived its hang guard and was killed. */
  killedByGuard: boolean;
  /** Worker processes still alive after the driver ended. */
  orphans: string[];
  stderrTail: string;
}

/** What to run: on which runtime id, which kind, how many tasks, from which seed. */
export interface RunOptions {
  runtime: string;
  kind: "thread" | "process";
  tasks: number;
  seed: number;
  workers?: number;
}

/** Runs the driver on `runtime` and waits for it; never rejects for what the driver does. */
export async function runDriver({
  runtime: id,
  kind,
  tasks,
  seed,
  workers = 3,
}: RunOptions): Promise<ChaosRun> {
  const [runtime] = selectRuntimes([id]);
  if (!runtime) throw new Error(`no runtime ${id}`);
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
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once("close", (code, end) => resolve([code, end])),
  );
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
async function workersStillAlive(log: string): Promise<string[]> {
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
