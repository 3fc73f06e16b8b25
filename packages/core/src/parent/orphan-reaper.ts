// No worker process outlives its program. A worker busy in a CPU loop never notices its parent's
// death, so each program that starts worker processes also starts one tiny shell, the reaper,
// reading a pipe from the program: "+PID" when a worker starts, "-PID" when it ends. The kernel
// closes the pipe when the program ends, however it ends (even by SIGKILL); the reaper then reads
// the end of its input and kills every worker still listed. It ignores the signals a terminal or
// a service manager sends the whole group, so that it outlives the program. Adapters start it
// (each runtime spawns differently); the script and the lines are here, once.

/**
 * The reaper's script, for `/bin/sh -c`. POSIX sh only: no other program is started. It says
 * "ready" on its output once the signals are ignored (adapters discard it; tests wait for it).
 */
export const REAPER_SCRIPT = `trap '' HUP INT TERM QUIT PIPE
echo ready
live=" "
while IFS= read -r line; do
  pid=\${line#?}
  case $line in
    +*) live="$live$pid " ;;
    -*) case $live in *" $pid "*) live="\${live%%" $pid "*} \${live#*" $pid "}" ;; esac ;;
  esac
done
for pid in $live; do kill -9 "$pid" 2>/dev/null; done
`;

/**
 * The reaper's name, given to the shell as its \$0 (`/bin/sh -c REAPER_SCRIPT REAPER_NAME`), so
 * that `ps` and tools that count a program's children can tell it from the workers.
 */
export const REAPER_NAME = "multiproc-reaper";

/** The program's side of the reaper: what to tell it. */
export class OrphanReaper {
  readonly #write: (line: string) => void;

  /** `write` sends one line to the reaper's input (it must never throw: a reaper gone is no error). */
  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** A worker process started: kill it should this program end before it does. */
  watch(pid: number): void {
    this.#write(`+${pid}\n`);
  }

  /** The worker process has ended: forget it (its pid may be given to another process). */
  release(pid: number): void {
    this.#write(`-${pid}\n`);
  }
}

/**
 * This program's reaper, started once, on first use, by `start` (which spawns the shell with
 * REAPER_SCRIPT and returns how to write a line to it). Null where it could not start: workers
 * then go unwatched, as they did before there was a reaper.
 */
export function onceReaper(start: () => ((line: string) => void) | null): () => OrphanReaper | null {
  let reaper: OrphanReaper | null | undefined;
  return () => {
    if (reaper !== undefined) return reaper;
    reaper = null;
    try {
      const write = start();
      if (write) reaper = new OrphanReaper(write);
    } catch {
      reaper = null;
    }
    return reaper;
  };
}
