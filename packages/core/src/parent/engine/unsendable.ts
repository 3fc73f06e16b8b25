// Which of a call's values could not be sent, for its SerializationError: some runtimes' clone
// errors name no value (Bun: "The object can not be cloned"). Only for the error path: each value
// is copied again, one by one.

import type { Chunk } from "../../wire/protocol.ts";

/**
 * Says which of a call's values `attempt` (by default structuredClone) throws on: `"argument 1"`,
 * or for a chunk of `map`/`imap` `"item 3 of its chunk"` (`starmap`: `"argument 0 of item 3 of its
 * chunk"`). Undefined when each value alone goes through (the whole failed for another reason, a
 * transfer list say). Call it only once a send has failed.
 */
export function unsendablePart(
  args: readonly unknown[],
  chunk: Chunk | undefined,
  attempt: (value: unknown) => unknown = structuredClone,
): string | undefined {
  const i = firstFailing(args, attempt);
  if (i < 0) return undefined;
  if (chunk === undefined) return `argument ${i}`;
  const item = args[i];
  const j = chunk === "argLists" && Array.isArray(item) ? firstFailing(item, attempt) : -1;
  return j < 0 ? `item ${i} of its chunk` : `argument ${j} of item ${i} of its chunk`;
}

function firstFailing(values: readonly unknown[], attempt: (value: unknown) => unknown): number {
  for (let i = 0; i < values.length; i++) {
    try {
      attempt(values[i]);
    } catch {
      return i;
    }
  }
  return -1;
}
