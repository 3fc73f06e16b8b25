// The SIGKILL storm: from outside the pool, every 50–100 ms, kill one of the driver's child
// processes (the pool's workers), often one that appeared since the last look and is most
// likely still starting. The pool is told nothing; it must notice and cope.
import process from "node:process";
import { childPids } from "./children.ts";
import type { Random } from "./random.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One SIGKILL: whom, whether it had just appeared, and when (performance.now()). */
export interface Kill {
  pid: number;
  fresh: boolean;
  at: number;
}

/** A running storm: its kills so far, and how to stop it. */
export interface Storm {
  kills: Kill[];
  /** The most child processes seen at once. */
  readonly maxChildren: number;
  stop(): Promise<void>;
}

/** Starts killing children of `parentPid` until stop() is awaited. */
export function startStorm({ parentPid, random }: { parentPid: number; random: Random }): Storm {
  const kills: Kill[] = [];
  let stopped = false;
  let seen = new Set<number>();
  let maxChildren = 0;

  const look = async () => {
    const children = await childPids(parentPid);
    maxChildren = Math.max(maxChildren, children.length);
    const fresh = children.filter((pid) => !seen.has(pid));
    seen = new Set([...seen, ...children]);
    return { children, fresh };
  };

  const kill = (pid: number, fresh: boolean) => {
    if (stopped) return; // once stop() is called, not one kill more
    try {
      process.kill(pid, "SIGKILL");
      kills.push({ pid, fresh, at: performance.now() });
    } catch {
      // it ended between the look and the kill
    }
  };

  const loop = (async () => {
    while (!stopped) {
      await sleep(random.int(50, 100));
      if (stopped) break;
      const { children, fresh } = await look();
      const aim = fresh.length > 0 && random.chance(0.5) ? fresh : children;
      if (aim.length === 0) continue;
      const pid = random.pick(aim);
      kill(pid, fresh.includes(pid));
      // Now and then go straight for the replacement, which is starting right now.
      if (random.chance(0.3)) {
        await sleep(random.int(2, 15));
        const next = await look();
        if (next.fresh.length > 0) kill(random.pick(next.fresh), true);
      }
    }
  })();

  return {
    kills,
    get maxChildren() {
      return maxChildren;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
