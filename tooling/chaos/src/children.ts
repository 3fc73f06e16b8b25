// The child processes of a process, as the OS sees them: what the storm aims at and what must be
// gone after terminate(). pgrep never lists itself, so asking does not change the answer. The
// program's orphan reaper is a child too, but no worker: it lives as long as the program, by design.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { REAPER_NAME } from "@multiproc/core/adapter";

/** Process ids whose parent is `pid`, the reaper aside (zombies included: a child not yet reaped still counts). */
export function childPids(pid: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile("pgrep", ["-P", String(pid)], (error, stdout) => {
      // pgrep exits with 1 when nothing matched: no children, not a failure.
      if (error && error.code !== 1) reject(error);
      else
        resolve(
          stdout
            .split("\n")
            .filter(Boolean)
            .map(Number)
            .filter((child) => !isReaper(child)),
        );
    });
  });
}

/** "pid state command" for each pid still present, for a report; empty when all are gone. */
export function describePids(pids: number[]): Promise<string[]> {
  if (pids.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    execFile("ps", ["-o", "pid=,stat=,args=", "-p", pids.join(",")], (_error, stdout) => {
      resolve(
        (stdout ?? "")
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      );
    });
  });
}

/** Whether `pid` is the orphan reaper (its command line ends with its name; gone counts as not). */
function isReaper(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(REAPER_NAME);
  } catch {
    return false;
  }
}
