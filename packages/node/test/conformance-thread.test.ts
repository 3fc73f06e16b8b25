import { testAdapter } from "@multiproc/conformance";
import { nodeAdapter } from "@multiproc/node/adapter";

testAdapter({
  adapter: nodeAdapter,
  kind: "thread",
  unsupported: { signals: "threads share the program's process: a signal would end the test runner" },
});
