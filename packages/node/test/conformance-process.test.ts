import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/node";
import { nodeAdapter } from "@multiproc/node/adapter";

testAdapter({ adapter: nodeAdapter, Pool, Process, kind: "process" });
