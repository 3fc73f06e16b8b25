// A page cannot start processes: kind "process" is refused with that reason, before core's own
// check (which only lists the kinds there are).
import { InvalidArgumentError } from "@multiproc/core";

const NO_PROCESSES =
  'kind "process" is not available in a browser: a page cannot start processes. Use kind "thread" (the default), a module Web Worker';

/** `Class`, refusing `{ kind: "process" }` in its first argument with the reason; `instanceof` and subclasses work as before. */
export function refusingProcessKind<C extends abstract new (...args: never[]) => unknown>(Class: C): C {
  return new Proxy(Class, {
    construct(target, args, newTarget) {
      const options = args[0] as { kind?: unknown } | null | undefined;
      if (options !== null && typeof options === "object" && options.kind === "process")
        throw new InvalidArgumentError(NO_PROCESSES);
      return Reflect.construct(target, args, newTarget);
    },
  });
}
