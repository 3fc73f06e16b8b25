import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/node";

testAdapter({
  name: "node",
  Pool,
  Process,
  kind: "thread",
  unsupported: { signals: "threads share the program's process: a signal would end the test runner" },
});
