import { Pool, Process } from "@multiproc/bun";
import { bunAdapter } from "@multiproc/bun/adapter";
import { testAdapter } from "@multiproc/conformance";

testAdapter({ adapter: bunAdapter, Pool, Process, kind: "thread" });
