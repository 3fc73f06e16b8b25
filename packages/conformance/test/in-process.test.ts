import { inProcessAdapter } from "@multiproc/core/adapter";
import { testAdapter } from "../src/index.ts";

testAdapter({
  adapter: inProcessAdapter,
  kind: "thread",
  unsupported: {
    crash: "in-process workers share the caller's thread: a dying worker would take the test runner with it",
    hardTimeout: "a synchronous loop in the caller's thread cannot be interrupted",
    signals: "there is no worker process to signal",
  },
});
