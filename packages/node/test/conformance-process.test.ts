import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/node";

testAdapter({ name: "node", Pool, Process, kind: "process" });
