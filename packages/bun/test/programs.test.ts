// Whole programs on Bun.
import { testPrograms } from "@multiproc/conformance";

testPrograms({
  adapter: "@multiproc/bun",
  runtime: { command: process.execPath },
  kinds: ["thread", "process"],
});
