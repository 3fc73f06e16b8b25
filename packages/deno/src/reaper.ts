// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
// Spawning it needs permission to run /bin/sh, as kind "process" needs to run deno.
import { onceReaper, REAPER_NAME, REAPER_SCRIPT } from "@multiproc/core/adapter";

const encoder = new TextEncoder();

export const orphanReaper = onceReaper(() => {
  if (Deno.build.os === "windows") return null; // no /bin/sh
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", REAPER_SCRIPT, REAPER_NAME],
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
  child.unref(); // the reaper does not keep the program alive
  const writer = child.stdin.getWriter();
  let pending: Promise<void> = Promise.resolve();
  // In order, one after the other; a reaper gone is no error.
  return (line) => {
    pending = pending.then(() => writer.write(encoder.encode(line))).catch(() => {});
  };
});
