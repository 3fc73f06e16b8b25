// The program's orphan reaper (see OrphanReaper in @multiproc/core/adapter), started with the
// first worker process: a /bin/sh reading a pipe that the kernel closes when this program ends.
import { onceReaper, REAPER_NAME, REAPER_SCRIPT } from "@multiproc/core/adapter";

export const orphanReaper = onceReaper(() => {
  if (process.platform === "win32") return null; // no /bin/sh
  const child = Bun.spawn({
    cmd: ["/bin/sh", "-c", REAPER_SCRIPT, REAPER_NAME],
    stdin: "pipe",
    stdout: "ignore",
    stderr: "ignore",
  });
  child.unref(); // the reaper does not keep the program alive
  const input = child.stdin;
  input.unref();
  return (line) => {
    try {
      input.write(line);
      void Promise.resolve(input.flush()).catch(() => {});
    } catch {
      // the reaper is gone: nothing to tell any more
    }
  };
});
