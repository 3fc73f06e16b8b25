import { Pool, Process } from "@multiproc/bun";
import { testAdapter } from "@multiproc/conformance";

testAdapter({
  name: "bun",
  Pool,
  Process,
  kind: "thread",
  unsupported: { signals: "threads share the program's process: a signal would end the test runner" },
});
