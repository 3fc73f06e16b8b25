// min, median and max of a list of milliseconds.
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x) => Math.round(x * 100) / 100;
  return { min: round(sorted[0]), median: round(median), max: round(sorted[sorted.length - 1]) };
}
