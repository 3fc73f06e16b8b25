import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/deno";

testAdapter({ name: "deno", Pool, Process, kind: "process" });
