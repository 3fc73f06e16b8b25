// A parent-side watchdog on a worker process's resident memory, for `maxMemory`: every
// WATCH_MS it reads the child's resident set size (how is the adapter's, by pid) and kills the
// child with SIGKILL once it is over the limit, so that no runtime's child can eat the machine.

/** How often the child's memory is read, in ms: a runaway allocator grows fast. */
const WATCH_MS = 50;

/** How the adapter reads a process's memory and keeps a timer from holding the program open. */
export interface MemoryProbe {
  /** The process's resident set size in MiB, or undefined when it cannot be read (gone, no permission). */
  residentMiB(pid: number): number | undefined;
  /** Lets the program end while this timer is armed (Node and Bun: timer.unref(); Deno: Deno.unrefTimer). */
  unref(timer: ReturnType<typeof setInterval>): void;
}

/** What the watch saw when it killed the child. */
export interface MemoryExceeded {
  /** The limit, maxMemory, in MiB. */
  limitMiB: number;
  /** The resident memory read last, in MiB, when known. */
  usedMiB?: number | undefined;
}

/** Watches one child process until stop(). */
export class MemoryWatch {
  readonly #timer: ReturnType<typeof setInterval>;
  #exceeded: MemoryExceeded | undefined;

  constructor(pid: number, limitMiB: number, probe: MemoryProbe, kill: () => void) {
    this.#timer = setInterval(() => {
      const used = probe.residentMiB(pid);
      if (used === undefined || used <= limitMiB) return;
      this.#exceeded = { limitMiB, usedMiB: Math.round(used) };
      this.stop();
      kill();
    }, WATCH_MS);
    probe.unref(this.#timer);
  }

  /** Set once the watch killed the child for its memory. */
  get exceeded(): MemoryExceeded | undefined {
    return this.#exceeded;
  }

  /** Stops watching (the child has ended). */
  stop(): void {
    clearInterval(this.#timer);
  }
}

/** The resident set size, in MiB, from the text of Linux's /proc/PID/status (its VmRSS line), or undefined. */
export function residentFromProcStatus(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/**
 * A MemoryProbe reading Linux's /proc/PID/status with the runtime's `readText` (throwing where
 * there is no /proc, or no permission: the reading is then undefined) and `unref` for its timer.
 */
export function procMemoryProbe(
  readText: (path: string) => string,
  unref: (timer: ReturnType<typeof setInterval>) => void,
): MemoryProbe {
  return {
    residentMiB(pid) {
      try {
        return residentFromProcStatus(readText(`/proc/${pid}/status`));
      } catch {
        return undefined; // gone, no /proc here, or no permission to read it
      }
    },
    unref,
  };
}
