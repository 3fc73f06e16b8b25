// The `{ block, timeout }` options of put/get/acquire, checked once for every object.
import { InvalidArgumentError } from "../parent/errors.ts";

/** How long a blocking method may wait: `block: false` tries once; `timeout` in ms bounds the wait. */
export interface BlockOptions {
  /** Wait for the item, the room or the lock (default true); false: try once, now. */
  block?: boolean | undefined;
  /** The longest wait, in ms (default: no limit). Ignored when `block` is false, as in Python. */
  timeout?: number | undefined;
}

/** The wait the options allow, in ms: 0 (try once), a number, or Infinity. */
export function waitBudget(options: BlockOptions | undefined, method: string): number {
  if (options === undefined) return Number.POSITIVE_INFINITY;
  if (options === null || typeof options !== "object")
    throw new InvalidArgumentError(`${method}: options must be an object like { block, timeout }`);
  if (options.block === false) return 0;
  return checkTimeout(options.timeout, method);
}

/** A timeout in ms: undefined means none; a negative one is refused, as Python does. */
export function checkTimeout(timeout: number | undefined, method: string): number {
  if (timeout === undefined || timeout === null) return Number.POSITIVE_INFINITY;
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0)
    throw new InvalidArgumentError(`${method}: timeout must be a number of ms ≥ 0, got ${String(timeout)}`);
  return timeout;
}
