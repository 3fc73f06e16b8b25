// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
// Spawning it needs permission to run /bin/sh, as kind "process" needs to run deno.
import { OrphanReaper, REAPER_SCRIPT } from "@multiproc/core/adapter";

let reaper: OrphanReaper | null | undefined;
const encoder = new TextEncoder();

/** This program's reaper, started on first use; null on Windows, or when it could not start (no permission). */
export function orphanReaper(): OrphanReaper | null {
  if (reaper !== undefined) return reaper;
  reaper = null;
  if (Deno.build.os === "windows") return reaper;
  try {
    const child = new Deno.Command("/bin/sh", {
      args: ["-c", REAPER_SCRIPT],
      stdin: "piped",
      stdout: "null",
      stderr: "null",
    }).spawn();
    child.unref(); // the reaper does not keep the program alive
    const writer = child.stdin.getWriter();
    let pending: Promise<void> = Promise.resolve();
    reaper = new OrphanReaper((line) => {
      // In order, one after the other; a reaper gone is no error.
      pending = pending.then(() => writer.write(encoder.encode(line))).catch(() => {});
    });
  } catch {
    reaper = null;
  }
  return reaper;
}
