import { bindAdapter, inProcessAdapter } from "@multiproc/core/adapter";
import { testAdapter } from "../src/index.ts";

// The in-process adapter bound as an adapter package binds its own: the suite runs what users get.
const { Pool, Process } = bindAdapter(inProcessAdapter);

testAdapter({
  name: "in-process",
  Pool,
  Process,
  kind: "thread",
  unsupported: {
    crash: "in-process workers share the caller's thread: a dying worker would take the test runner with it",
    hardTimeout: "a synchronous loop in the caller's thread cannot be interrupted",
    signals: "there is no worker process to signal",
    repliesWhileBusy:
      "in-process workers share the caller's thread: a task spinning there keeps the pool from hearing any result",
  },
});
