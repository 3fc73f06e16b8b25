import { testAdapter } from "@multiproc/conformance";
import { nodeAdapter } from "@multiproc/node";

testAdapter({ adapter: nodeAdapter, kind: "process" });
