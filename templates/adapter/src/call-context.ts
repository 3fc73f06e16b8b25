// Worker side: which call the code running now belongs to, across awaits, so that calls running
// at once in one worker (the `concurrency` option) each report their own progress. Core asks for
// it only then, so node:async_hooks costs a worker's start-up nothing otherwise.
import { type CallContext, callContextOf } from "@multiproc/core/worker";

export async function asyncCallContext(): Promise<CallContext> {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return callContextOf(new AsyncLocalStorage<number>());
}
