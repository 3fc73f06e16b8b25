// A seeded generator, so one seed replays the same plan and the same storm schedule.
// xorshift32 over a scrambled seed: small and fast; statistical quality hardly matters here.

/** Random draws of every shape the plan and the storm need. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One of `items` (not empty). */
  pick<T>(items: readonly T[]): T;
  /** A key of `weights` ({ key: weight }), drawn in proportion to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K;
}

/** Random numbers in [0, 1) from `seed`; the same seed always gives the same sequence. */
export function seededRandom(seed: number): Random {
  // Scramble the seed so that 1, 2, 3, … start far apart; xorshift32 must never hold 0.
  let state = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1) >>> 0 || 0x6d2b79f5;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    weighted<K extends string>(weights: Record<K, number>): K {
      const entries = Object.entries(weights) as [K, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return (entries[entries.length - 1] as [K, number])[0];
    },
  };
}
