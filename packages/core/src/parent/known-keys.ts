// An options object with a key no option has (a typo: maxTaskPerWorker; an option of another
// version) is refused, naming the nearest known option, as Python refuses an unexpected keyword:
// run as if it were not there, it would do silently what the caller did not ask.
import { InvalidArgumentError } from "./errors.ts";

/** The keys of an options type, each marked true: `satisfies` makes TypeScript check the list is whole. */
export type KeyList<T> = { readonly [K in keyof Required<T>]: true };

/** Throws InvalidArgumentError for the first own key of `options` not in `known`, naming the nearest one. */
export function refuseUnknownKeys(options: object, known: KeyList<object>, what: string): void {
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue;
    const nearest = nearestKey(key, Object.keys(known));
    const hint = nearest === undefined ? "" : `: did you mean "${nearest}"?`;
    throw new InvalidArgumentError(`${what} has no option "${key}"${hint}`);
  }
}

/** The known key closest to `key` (edit distance, case ignored), when it is close enough to be a typo. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the name may differ: "maxTaskPerWorker" → "maxTasksPerWorker", not "name" → "kind".
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
