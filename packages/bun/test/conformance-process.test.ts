import { bunAdapter } from "@multiproc/bun/adapter";
import { testAdapter } from "@multiproc/conformance";

testAdapter({ adapter: bunAdapter, kind: "process" });
