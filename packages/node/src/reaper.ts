// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
import { spawn } from "node:child_process";
import { onceReaper, REAPER_NAME, REAPER_SCRIPT } from "@multiproc/core/adapter";

export const orphanReaper = onceReaper(() => {
  if (process.platform === "win32") return null; // no /bin/sh
  const child = spawn("/bin/sh", ["-c", REAPER_SCRIPT, REAPER_NAME], { stdio: ["pipe", "ignore", "ignore"] });
  child.on("error", () => {}); // no /bin/sh: workers go unwatched
  child.stdin.on("error", () => {}); // the reaper gone: nothing to tell any more
  // Neither the reaper nor its pipe keeps the program alive.
  child.unref();
  (child.stdin as { unref?: () => void }).unref?.();
  return (line) => {
    if (child.stdin.writable) child.stdin.write(line);
  };
});
