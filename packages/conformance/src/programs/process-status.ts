// Whether a process still runs, and the end of a process group: what the program tests check
// and clean up from the outside.
import { readFileSync } from "node:fs";

/** Kills what is left of a program's process group (nothing, when all went well). */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group is gone already
  }
}

/** Whether a process runs. A zombie has ended: it is only not yet reaped (in a container whose
 * init reaps nothing, an orphan stays one for good). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false; // no /proc (macOS): kill(pid, 0) has the last word
  }
}
