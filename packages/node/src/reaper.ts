// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
import { spawn } from "node:child_process";
import { OrphanReaper, REAPER_SCRIPT } from "@multiproc/core/adapter";

let reaper: OrphanReaper | null | undefined;

/** This program's reaper, started on first use; null where there is no /bin/sh (Windows) or it could not start. */
export function orphanReaper(): OrphanReaper | null {
  if (reaper !== undefined) return reaper;
  reaper = null;
  if (process.platform === "win32") return reaper;
  try {
    const child = spawn("/bin/sh", ["-c", REAPER_SCRIPT], { stdio: ["pipe", "ignore", "ignore"] });
    child.on("error", () => {}); // no /bin/sh: workers go unwatched, as before there was a reaper
    child.stdin.on("error", () => {}); // the reaper gone: nothing to tell any more
    // Neither the reaper nor its pipe keeps the program alive.
    child.unref();
    (child.stdin as { unref?: () => void }).unref?.();
    reaper = new OrphanReaper((line) => {
      if (child.stdin.writable) child.stdin.write(line);
    });
  } catch {
    reaper = null;
  }
  return reaper;
}
