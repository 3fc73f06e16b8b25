// The parent's side of handing talking objects to a worker: a call's arguments (or a Pool's
// initArgs, a Process's args) are searched, in arrays and plain objects at any depth, and each
// Queue, Lock, … is replaced by its wire form, which structured clone copies while sharing its
// memory. Only once a talking object was ever made in this thread: until then calls pay nothing.
import { InvalidArgumentError } from "../parent/errors.ts";
import { isTalker, type Talker, TO_WIRE, talkersMade } from "./talker.ts";

/** The arguments as they go on the wire, and the objects given to the worker. */
export interface HandOff {
  args: unknown[];
  held: Talker[];
}

/**
 * The arguments with every talking object replaced by its wire form, or undefined when there is
 * none (send them as they are). For a worker of kind "process", InvalidArgumentError: no memory is
 * shared with another process. `what` names the arguments in that error. With `check`, the
 * objects are only looked for: each stands as `{}` and nothing is handed over.
 */
export function handOff(args: unknown[], kind: string, what: string, check = false): HandOff | undefined {
  if (!talkersMade() || !Array.isArray(args)) return undefined;
  const held: Talker[] = [];
  const seen = new Map<object, unknown>();
  const visit = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (seen.has(value)) return seen.get(value);
    if (isTalker(value)) {
      if (kind !== "thread") throw refusal(value, what);
      // a check detaches nothing, but an end already handed over (or closed) is refused now:
      // its TO_WIRE throws, saying why, before it would detach anything
      if (check && value[Symbol.toStringTag] === "Connection" && (value as { closed?: boolean }).closed)
        value[TO_WIRE]();
      held.push(value);
      // once per object: a Pipe's end named twice in one hand-off goes once, to the same worker
      const wire = check ? {} : value[TO_WIRE](); // a check must not detach a Pipe's end
      seen.set(value, wire);
      return wire;
    }
    if (Array.isArray(value)) {
      seen.set(value, value);
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const next = visit(item);
        if (next !== item) {
          copy ??= value.slice();
          copy[i] = next;
          seen.set(value, copy);
        }
      }
      return copy ?? value;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    seen.set(value, value);
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const next = visit(item);
      if (next !== item) {
        copy ??= { ...value };
        copy[key] = next;
        seen.set(value, copy);
      }
    }
    return copy ?? value;
  };
  const wired = visit(args) as unknown[];
  return held.length === 0 ? undefined : { args: wired, held };
}

/** The first talking object in `value` (arrays and plain objects, at any depth), or undefined. */
export function findTalker(value: unknown, seen: Set<object> = new Set()): Talker | undefined {
  if (typeof value !== "object" || value === null || seen.has(value)) return undefined;
  if (isTalker(value)) return value;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return undefined;
  for (const item of Object.values(value)) {
    const found = findTalker(item, seen);
    if (found) return found;
  }
  return undefined;
}

function refusal(value: Talker, what: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `a ${value[Symbol.toStringTag]} in ${what} cannot reach a worker of kind "process": it is shared memory, and another process shares no memory with this one. Use kind "thread"`,
  );
}
