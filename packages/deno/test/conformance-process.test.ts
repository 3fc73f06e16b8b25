import { testAdapter } from "@multiproc/conformance";
import { denoAdapter } from "@multiproc/deno/adapter";

testAdapter({ adapter: denoAdapter, kind: "process" });
