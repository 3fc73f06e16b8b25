// Runs one demo program in its own process and reads its result line; on Linux, samples the RSS
// of its whole process tree (the program and every worker process it starts) while it runs.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const PAGE = 4096;
const SAMPLE_MS = 20;

export interface ProgramResult {
  ms: number;
  peakRssMiB: number | null;
}

export interface RunOptions {
  cwd?: string;
  sampleRss?: boolean;
  timeoutMs?: number;
}

/** Rejects with the program's stderr when it fails or prints no result line. */
export function runProgram(
  command: string,
  args: string[],
  { cwd, sampleRss = false, timeoutMs = 60_000 }: RunOptions = {},
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    let peak = 0;
    const sampler = sampleRss
      ? setInterval(() => {
          if (child.pid !== undefined) peak = Math.max(peak, treeRssBytes(child.pid));
        }, SAMPLE_MS)
      : undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearInterval(sampler);
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearInterval(sampler);
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith("MULTIPROC-RESULT "));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        reject(new Error(`${why}: ${stderr.trim().split("\n").slice(-3).join(" | ") || "no result line"}`));
        return;
      }
      const result: { ms: number } = JSON.parse(line.slice("MULTIPROC-RESULT ".length));
      resolve({ ms: result.ms, peakRssMiB: sampleRss && peak > 0 ? peak / 1024 / 1024 : null });
    });
  });
}

/** RSS of a process and all its descendants, in bytes (0 where /proc is not there). */
export function treeRssBytes(rootPid: number): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map<string, string[]>();
  for (const pid of entries) {
    const ppid = readParent(pid);
    if (ppid === undefined) continue;
    const siblings = children.get(ppid);
    if (siblings) siblings.push(pid);
    else children.set(ppid, [pid]);
  }
  let total = 0;
  const stack = [String(rootPid)];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    total += readRss(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function readParent(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
  } catch {
    return undefined; // it ended meanwhile
  }
}

function readRss(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}
