// Runs one child program to its result line, sampling the RSS of its process tree meanwhile.
import { type ChildProcess, spawn } from "node:child_process";
import { RESULT_PREFIX } from "./child/protocol.ts";
import { killTree } from "./kill-tree.ts";
import { TreeRss } from "./tree-rss.ts";

const SAMPLE_MS = 25;

/** The children running now, so that a signal to this command ends them too. */
const running = new Set<ChildProcess>();

/** Ends every child still running, and every process under it (SIGKILL: a benchmark run has nothing to save). */
export function killChildren(): void {
  for (const child of running) end(child);
}

function end(child: ChildProcess): void {
  if (child.pid === undefined) child.kill("SIGKILL");
  else killTree(child.pid);
}

export interface ChildOutcome<T> {
  /** The parsed result line; undefined when the child printed none. */
  result: T | undefined;
  peakRssBytes: number | null;
  /** How the child ended and the tail of what it printed, for messages when there is no result. */
  exit: string;
  stderr: string;
}

export function runChild<T>(
  binary: string,
  args: string[],
  options: { cwd: string; timeoutMs: number },
): Promise<ChildOutcome<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    running.add(child);
    const rss = child.pid === undefined ? undefined : new TreeRss(child.pid);
    rss?.sample();
    const sampler = setInterval(() => rss?.sample(), SAMPLE_MS);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      end(child);
    }, options.timeoutMs);
    child.on("error", (error) => {
      running.delete(child);
      clearInterval(sampler);
      clearTimeout(timer);
      reject(new Error(`cannot start ${binary}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      running.delete(child);
      clearInterval(sampler);
      clearTimeout(timer);
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      const exit = timedOut
        ? `timed out after ${options.timeoutMs} ms (killed)`
        : signal
          ? `killed by ${signal}`
          : `exit code ${code}`;
      resolve({
        result: line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as T) : undefined,
        peakRssBytes: rss?.peakBytes ?? null,
        exit,
        stderr,
      });
    });
  });
}
