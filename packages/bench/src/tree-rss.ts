// The resident memory of a process and all its descendants, from /proc (Linux). Sampled often, so
// a sample reads each new pid's parent once and, after that, only the tree's own statm files.
import { readdirSync, readFileSync } from "node:fs";

const PAGE = 4096;

export class TreeRss {
  readonly #root: string;
  /** Pids known to be in the tree. */
  readonly #tree = new Set<string>();
  /** Pids known not to be (their parent was read once). */
  readonly #outside = new Set<string>();
  #peak = 0;
  #available = true;

  constructor(rootPid: number) {
    this.#root = String(rootPid);
    this.#tree.add(this.#root);
  }

  /** Peak bytes over the samples so far; null where /proc could not be read. */
  get peakBytes(): number | null {
    return this.#available && this.#peak > 0 ? this.#peak : null;
  }

  sample(): void {
    let pids: string[];
    try {
      pids = readdirSync("/proc").filter((name) => name.charCodeAt(0) <= 57);
    } catch {
      this.#available = false;
      return;
    }
    const unknown = pids.filter((pid) => !this.#tree.has(pid) && !this.#outside.has(pid));
    // Parents before children is not guaranteed: settle the unknown ones until nothing changes.
    const parents = new Map(unknown.map((pid) => [pid, parentOf(pid)]));
    for (let changed = true; changed; ) {
      changed = false;
      for (const [pid, parent] of parents) {
        if (parent !== undefined && this.#tree.has(parent)) {
          this.#tree.add(pid);
          parents.delete(pid);
          changed = true;
        }
      }
    }
    for (const pid of parents.keys()) this.#outside.add(pid);
    const alive = new Set(pids);
    let total = 0;
    for (const pid of this.#tree) if (alive.has(pid)) total += rssOf(pid);
    this.#peak = Math.max(this.#peak, total);
  }
}

function parentOf(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
  } catch {
    return undefined; // it ended meanwhile
  }
}

function rssOf(pid: string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}
