import { Pool, Process } from "@multiproc/bun";
import { testAdapter } from "@multiproc/conformance";

testAdapter({
  name: "bun",
  Pool,
  Process,
  kind: "process",
  unsupported: {
    undeliveredSends:
      "Bun's IPC send() to a child that died a moment ago succeeds, and says nothing of it later: a call sent in that window fails with the dead worker",
  },
});
