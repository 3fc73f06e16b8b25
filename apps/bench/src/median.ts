// The statistic every table of the bench prints: medians of interleaved rounds.

/** The middle value (the upper of the two for an even count); NaN for an empty list. */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
