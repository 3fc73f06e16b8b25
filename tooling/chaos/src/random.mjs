// A seeded generator, so one seed replays the same plan and the same storm schedule.
// xorshift32 over a scrambled seed: small and fast; statistical quality hardly matters here.

/** Random numbers in [0, 1) from `seed`; the same seed always gives the same sequence. */
export function seededRandom(seed) {
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
    /** An integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** True with probability `p`. */
    chance: (p) => next() < p,
    /** One of `items`. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** A key of `weights` ({ key: weight }), drawn in proportion to its weight. */
    weighted(weights) {
      const entries = Object.entries(weights);
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1][0];
    },
  };
}
