// A call's timeout and abort signal, watched the same way by every engine: when either fires,
// the engine is told to stop the call with the right typed error.
import { AbortError, type MultiprocError, TimeoutError } from "../errors.ts";
import type { CallOptions } from "../options.ts";
import { onAbort } from "./shared-abort.ts";

/** What a call's watch leaves behind: the function that disarms its timer and listener. */
export type Unwatch = () => void;

/** The unwatch of a call with neither timeout nor signal (most calls): nothing to disarm. */
export const nothingToUnwatch: Unwatch = () => {};

/**
 * Calls `stop` with a TimeoutError once `options.timeout` ms pass, or with an AbortError when
 * `options.signal` aborts, whichever comes first; returns what disarms both once the call settles.
 */
export function watchCall(
  options: CallOptions | undefined,
  site: { task: string; module?: string | undefined },
  stop: (error: MultiprocError) => void,
): Unwatch {
  const timeout = options?.timeout;
  const signal = options?.signal;
  if (timeout === undefined && signal === undefined) return nothingToUnwatch;
  const timer =
    timeout === undefined ? undefined : setTimeout(() => stop(new TimeoutError(timeout, site)), timeout);
  const unlisten = signal && onAbort(signal, () => stop(new AbortError(signal.reason, site)));
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    unlisten?.();
  };
}
