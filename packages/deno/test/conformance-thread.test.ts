import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/deno";

testAdapter({
  name: "deno",
  Pool,
  Process,
  kind: "thread",
  unsupported: {
    signals: "threads share the program's process: a signal would end the test runner",
    hardTimeout:
      'Deno cannot stop a Web Worker in a synchronous loop (deno#35657): it burns on and keeps the program alive; use kind "process" for tasks that need hard timeouts',
  },
});
