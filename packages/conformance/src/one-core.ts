// The suite compares errors with instanceof against the classes of the @multiproc/core it loads.
// An adapter built on another copy of core (two versions installed, or a linked and an installed
// one) fails dozens of tests with "expected TimeoutError to be an instance of TimeoutError": say
// what is wrong before any test runs.
import { Pool } from "@multiproc/core/adapter";
import type { ConformanceTarget } from "./context.ts";

/** Why the target's Pool is not built on the kit's copy of core, or undefined when it is. */
export function twoCoresProblem(target: ConformanceTarget): string | undefined {
  const given = target.Pool;
  if (!given || given.prototype instanceof Pool) return undefined;
  return (
    `${target.name ?? target.adapter.name}: its Pool is not built on the @multiproc/core that ` +
    "@multiproc/conformance loads: two copies of @multiproc/core are installed, and an error from one " +
    "is no instance of the other's classes. Install one copy (the same version for the adapter and " +
    "the kit; `npm ls @multiproc/core`, then `npm dedupe`)."
  );
}
