import { testAdapter } from "@multiproc/conformance";
import { denoAdapter } from "@multiproc/deno";

testAdapter({ adapter: denoAdapter, kind: "process" });
