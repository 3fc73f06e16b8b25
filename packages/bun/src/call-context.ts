// Worker side: which call the code running now belongs to, across awaits, for progress reports
// where several calls run at once (see ServeOptions.callContext). Loaded only then.
import { type CallContext, callContextOf } from "@multiproc/core/worker";

export async function asyncCallContext(): Promise<CallContext> {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return callContextOf(new AsyncLocalStorage<number>());
}
