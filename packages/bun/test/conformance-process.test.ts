import { bunAdapter } from "@multiproc/bun";
import { testAdapter } from "@multiproc/conformance";

testAdapter({ adapter: bunAdapter, kind: "process" });
