// Whole programs on the Node that runs this test (Node 20 loads TypeScript tasks through tsx, Node 24 by itself).
import { testPrograms } from "@multiproc/conformance";

testPrograms({
  adapter: "@multiproc/node",
  runtime: { command: process.execPath },
  kinds: ["thread", "process"],
});
