// How `pnpm test` spreads the workspace's suites over a few lanes (2 on a 2-core machine): most
// suites spend much of their time waiting (on Redis, Chromium, npm, a worker's exit), so two at a
// time finish sooner than one at a time. The longest start first, so that no long suite starts
// last and leaves the other lane idle at the end.

/** A package's suite: its folder, its name, and about how long its tests take. */
export interface Suite {
  dir: string;
  name: string;
  seconds: number;
}

/** The suites, longest first; equal ones keep their order. */
export function longestFirst<T extends { seconds: number }>(suites: readonly T[]): T[] {
  return suites
    .map((suite, index) => ({ suite, index }))
    .sort((a, b) => b.suite.seconds - a.suite.seconds || a.index - b.index)
    .map(({ suite }) => suite);
}

/**
 * Runs `run` on every item, at most `lanes` at a time, each lane taking the next item as soon as
 * its last one is done; resolves when all are done. `run` is expected not to reject.
 */
export async function runInLanes<T>(
  items: readonly T[],
  lanes: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, lane));
}

/**
 * The lane count from `--lanes=N` or MULTIPROC_TEST_LANES, else `fallback`; an invalid value
 * throws, naming it.
 */
export function laneCount(arg: string | undefined, env: string | undefined, fallback: number): number {
  const raw = arg ?? env;
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`lanes must be a whole number ≥ 1, not "${raw}"`);
  return n;
}
