import { Pool, Process } from "@multiproc/bun";
import { testAdapter } from "@multiproc/conformance";

testAdapter({ name: "bun", Pool, Process, kind: "process" });
