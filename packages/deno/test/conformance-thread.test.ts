import { testAdapter } from "@multiproc/conformance";
import { Pool, Process } from "@multiproc/deno";
import { denoAdapter } from "@multiproc/deno/adapter";

testAdapter({ adapter: denoAdapter, Pool, Process, kind: "thread" });
