import { bunAdapter } from "@multiproc/bun/adapter";
import { testAdapter } from "@multiproc/conformance";

testAdapter({
  adapter: bunAdapter,
  kind: "thread",
  unsupported: { signals: "threads share the program's process: a signal would end the test runner" },
});
