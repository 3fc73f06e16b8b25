// Starts the measuring child of one row in the row's runtime (the workspace's own Deno and Bun,
// this Node, python3) and reads the one line it reports. The child's other output goes to stderr.
import { execFileSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Only, Sizes } from "./measure-run.ts";
import { type Measured, REPORT_PREFIX } from "./measured.ts";
import type { BenchRow, RowRuntime } from "./rows/row.ts";

const dist = dirname(fileURLToPath(import.meta.url));
/** apps/bench: Deno resolves @multiproc/* from its node_modules when started here. */
export const benchDir = join(dist, "..");
const bin = (name: string) => join(benchDir, "..", "..", "node_modules", ".bin", name);
const measureJs = join(dist, "measure.js");
// The build leaves Python's script in src/.
const pythonScript = join(benchDir, "src", "python", "bench.py");

/** The command that runs `script` (or a version query) in each runtime. */
const commands: Record<RowRuntime, { binary: string; run: (args: string[]) => string[] }> = {
  node: { binary: process.execPath, run: (args) => [measureJs, ...args] },
  deno: { binary: bin("deno"), run: (args) => ["run", "-A", "--quiet", measureJs, ...args] },
  bun: { binary: bin("bun"), run: (args) => [measureJs, ...args] },
  python: { binary: "python3", run: (args) => [pythonScript, ...args] },
};

/** The runtime's version, or null when its binary cannot be run. */
export function runtimeVersion(runtime: RowRuntime): string | null {
  try {
    const out = execFileSync(commands[runtime].binary, ["--version"], { encoding: "utf8", stdio: "pipe" });
    return out.match(/\d+\.\d+\.\d+/)?.[0] ?? out.trim();
  } catch {
    return null;
  }
}

/** The run's sizes times the row's factors, each at least 1. */
export function scaled(sizes: Sizes, scale: BenchRow["scale"] = {}): Sizes {
  const out = { ...sizes };
  for (const [key, factor] of Object.entries(scale) as [keyof Sizes, number][]) {
    out[key] = Math.max(1, Math.round(sizes[key] * factor));
  }
  return out;
}

/** One run of `row`; rejects with the child's exit (and its last stderr) when it reports nothing. */
export function runRow(
  row: BenchRow,
  runSizes: Sizes,
  timeoutMs: number,
  only: Only = null,
): Promise<Measured> {
  const sizes = scaled(runSizes, row.scale);
  const args = [
    ...(row.module ? ["--module", row.module.href, "--kind", row.kind] : []),
    ...["--tasks", String(sizes.tasks), "--trips", String(sizes.trips)],
    ...["--map-items", String(sizes.mapItems), "--repeats", String(sizes.repeats)],
    ...(only ? ["--only", only] : []),
  ];
  const { binary, run } = commands[row.runtime];
  const child = spawn(binary, run(args), { cwd: benchDir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(REPORT_PREFIX));
      if (line) return resolve(JSON.parse(line.slice(REPORT_PREFIX.length)) as Measured);
      const why = signal === "SIGKILL" ? `killed after ${timeoutMs / 1000} s` : `exit ${code ?? signal}`;
      reject(new Error(`${row.id}: no result (${why}) ${stderr.trim().split("\n").slice(-5).join(" | ")}`));
    });
  });
}
