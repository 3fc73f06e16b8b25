import { AsyncLocalStorage } from "node:async_hooks";
import { bindAdapter } from "@multiproc/core/adapter";
import { createInProcessAdapter } from "@multiproc/core/in-process";
import { callContextOf } from "@multiproc/core/worker";
import { testAdapter } from "../src/index.ts";

// The in-process adapter bound as an adapter package binds its own: the suite runs what users get.
// What it cannot do (crash, hard timeouts, signals, …) is declared on the adapter itself. Its
// workers share this thread, so progress reports are told apart by an AsyncLocalStorage.
const adapter = createInProcessAdapter({ callContext: () => callContextOf(new AsyncLocalStorage<number>()) });
const { Pool, Process } = bindAdapter(adapter);

testAdapter({ adapter, Pool, Process, kind: "thread" });
