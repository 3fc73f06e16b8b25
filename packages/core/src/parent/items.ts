// What map and starmap do with their items: the source as a list (or why it is not one), and the
// chunks' results as one list.
import { InvalidArgumentError } from "./errors.ts";

/** The items as an array (argument lists for starmap), or the error that says why they are not. */
export function toList(items: unknown, spread: boolean): unknown[] | { error: unknown } {
  if (items === null || typeof items !== "object" || !(Symbol.iterator in items)) {
    return { error: new InvalidArgumentError("items must be an iterable (use imap for an async iterable)") };
  }
  let list: unknown[];
  try {
    list = Array.isArray(items) ? items : [...(items as Iterable<unknown>)];
  } catch (error) {
    return { error }; // the source itself threw: map() rejects with its error, as Python's raises it
  }
  if (spread && !list.every(Array.isArray))
    return { error: new InvalidArgumentError("starmap needs an array of arguments per item") };
  return list;
}

/** How many chunks one concat() call takes as arguments (far below any runtime's limit). */
const CONCAT_GROUP = 4096;

/**
 * The chunks' results in one array. Array.prototype.concat copies a packed array block by block
 * in native code, fast from the first call; a loop in JavaScript copies item by item, and is
 * slow until the JIT has compiled it (most of a short map's time). flat() is slower still. The
 * receiver is a new empty array: V8 copies into a frozen one (a shared constant) element by
 * element, 2× slower on Node 20 and 10× on Deno.
 */
export function concat(chunks: unknown[][]): unknown[] {
  const groups: unknown[][] = [];
  for (let i = 0; i < chunks.length; i += CONCAT_GROUP) {
    groups.push(([] as unknown[]).concat(...chunks.slice(i, i + CONCAT_GROUP)));
  }
  return groups.length === 1 ? (groups[0] as unknown[]) : ([] as unknown[]).concat(...groups);
}
