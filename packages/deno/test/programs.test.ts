// Whole programs on Deno, each started with every permission.
import { testPrograms } from "@multiproc/conformance";

testPrograms({
  adapter: "@multiproc/deno",
  runtime: { command: Deno.execPath(), args: ["run", "-A"] },
  kinds: ["thread", "process"],
});
