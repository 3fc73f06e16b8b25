// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
import { OrphanReaper, REAPER_SCRIPT } from "@multiproc/core/adapter";

let reaper: OrphanReaper | null | undefined;

/** This program's reaper, started on first use; null where there is no /bin/sh (Windows) or it could not start. */
export function orphanReaper(): OrphanReaper | null {
  if (reaper !== undefined) return reaper;
  reaper = null;
  if (process.platform === "win32") return reaper;
  try {
    const child = Bun.spawn({
      cmd: ["/bin/sh", "-c", REAPER_SCRIPT],
      stdin: "pipe",
      stdout: "ignore",
      stderr: "ignore",
    });
    child.unref(); // the reaper does not keep the program alive
    const input = child.stdin;
    input.unref();
    reaper = new OrphanReaper((line) => {
      try {
        input.write(line);
        void Promise.resolve(input.flush()).catch(() => {});
      } catch {
        // the reaper is gone: nothing to tell any more
      }
    });
  } catch {
    reaper = null;
  }
  return reaper;
}
