// Ending a child and every process under it (its worker processes, Python's pool workers, which
// would outlive a killed parent). The tree is frozen first (SIGSTOP) until no new process
// appears in it, so that nothing forks between the look and the kill; then all of it gets
// SIGKILL. Where /proc cannot be read (not Linux), only the child itself is killed.
import { readdirSync, readFileSync } from "node:fs";

/** Kills `root` and its descendants; returns the pids signalled. */
export function killTree(root: number): number[] {
  const stopped = new Set<number>();
  for (let round = 0; round < 20; round++) {
    const fresh = descendants(root).filter((pid) => !stopped.has(pid));
    if (fresh.length === 0 && stopped.size > 0) break;
    for (const pid of [root, ...fresh]) {
      signal(pid, "SIGSTOP");
      stopped.add(pid);
    }
  }
  stopped.add(root);
  for (const pid of stopped) signal(pid, "SIGKILL");
  return [...stopped];
}

/** Every process under `root` now, from /proc; empty where /proc is not there. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(Number(pid));
    children.set(parent, list);
  }
  const out: number[] = [];
  for (let queue = [root]; queue.length; ) {
    const next = children.get(queue.shift() as number) ?? [];
    out.push(...next);
    queue.push(...next);
  }
  return out;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // it ended meanwhile
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
