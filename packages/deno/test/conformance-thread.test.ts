import { testAdapter } from "@multiproc/conformance";
import { denoAdapter } from "@multiproc/deno/adapter";

testAdapter({
  adapter: denoAdapter,
  kind: "thread",
  unsupported: {
    signals: "threads share the program's process: a signal would end the test runner",
    hardTimeout:
      'Deno cannot stop a Web Worker in a synchronous loop (deno#35657): it burns on and keeps the program alive; use kind "process" for tasks that need hard timeouts',
  },
});
