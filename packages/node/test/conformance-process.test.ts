import { testAdapter } from "@multiproc/conformance";
import { nodeAdapter } from "@multiproc/node/adapter";

testAdapter({ adapter: nodeAdapter, kind: "process" });
